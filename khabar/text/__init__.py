"""khabar.text"""
