"""The page-cache tag of everything that shows progress figures (the 进度 page, pages with a 进度 block)."""

PROGRESS_TAG = "progress"
