"""The graduates directory: organisations of the cluster, students and graduates, search, contacts."""
