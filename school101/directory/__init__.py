"""Pages of the graduates directory: graduates' profiles and inbox, employers' search and
requests, the public join form for organisations, and staff pages for organisations and cohorts."""
