# pgsql package marker with content
