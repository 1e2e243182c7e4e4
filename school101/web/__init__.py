"""What every page shares: error pages, form errors, authorisation decorators, template helpers."""
