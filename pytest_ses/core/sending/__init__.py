"""What happens to a message: resolving its configuration set, applying rules, generating events."""
