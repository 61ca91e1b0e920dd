"""khabar.tagging"""
