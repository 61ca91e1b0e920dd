"""khabar.knowledge"""
