"""Committee pages, one module per area: committees, meetings, minutes, calendar, pdf."""
