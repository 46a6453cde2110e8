"""Search backends: Wagtail's database backend taught Chinese (`database`), and the engines behind the public
search service (`embedded` on the database, `elasticsearch` when ELASTICSEARCH_URL is set)."""
