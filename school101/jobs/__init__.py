"""RQ job entry points and periodic duties: thin (load rows, call services or the grader)."""
