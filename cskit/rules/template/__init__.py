"""T001–T007: templates, variables, filters, sample renders and foreign placeholders."""
