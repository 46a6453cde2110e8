"""Page-cache wiring: pages that show training rows (the directory, occupation and package pages) carry the tag
`training`, and saving, deleting or importing providers, classes or rules bumps it (see cms.cache)."""

CACHE_TAG = "training"
SHOWN_ON = {"training.trainingindexpage", "curricula.occupation", "curricula.trainingpackage"}


def training_dependencies(page):
    return [CACHE_TAG] if page._meta.label_lower in SHOWN_ON else []
