"""Reusable console widgets and what several screens show alike: key bar, QR code, code input, password
strength, report status badge, application labels, the account export."""
