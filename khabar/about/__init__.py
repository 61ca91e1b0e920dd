"""khabar.about"""
