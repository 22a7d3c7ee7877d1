"""What every endpoint of the REST API shares: pagination, the error shape, conditional GET, the schema's extras."""
