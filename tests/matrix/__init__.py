"""The permission matrix of issue 9: every URL, every role, the expected answer, and no internal text leaking."""
