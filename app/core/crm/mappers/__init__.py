"""One mapper per CRM export: column names and quirks live here, nowhere else."""
