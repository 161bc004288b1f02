class PgsqlRequires:
    pass
