"""khabar.training"""
