"""The REST API of the knowledge base: companies and deals."""
