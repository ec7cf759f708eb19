"""Reusable console widgets: key bar, QR code, code input, password strength."""
