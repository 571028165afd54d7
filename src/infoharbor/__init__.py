"""InfoHarbor: runs an international cooperation forum and keeps what it produced."""
