"""khabar.features: shared word features for the taggers (word clusters)."""
