"""khabar.evaluation"""
