"""The door: scans, refusals, live counts and the latest scans."""
