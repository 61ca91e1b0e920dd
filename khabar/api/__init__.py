"""khabar.api"""
