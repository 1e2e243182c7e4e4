"""The domain: business rules, testable without HTTP. Views and API call these."""
