"""Deployment tests: the built wheel, installed outside the checkout, run as real processes."""
