"""Reading documents as a person reads them: one reader per format yields blocks,
``blocks.assemble`` turns them into passages (see ``extraction.extract``)."""
