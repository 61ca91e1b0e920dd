"""Ingestion: read articles from files, JSON Lines, HTML pages, feeds and WARC files into a store."""
