"""The REST API of the news: articles, mentions, sources, and ingestion."""
