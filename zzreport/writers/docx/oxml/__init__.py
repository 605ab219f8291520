"""Raw WordprocessingML: the only place the Word writer touches XML."""
