"""Many plain pages elsewhere in the tree, written in bulk: what the scale bench's copies do to table sizes, for
tests that check a query's cost does not grow with the page table."""

from wagtail.models import Page


def add_pages_elsewhere(count: int) -> None:
    """`count` pages under a new top-level page, with tree paths computed (no per-page save)."""
    root = Page.objects.get(depth=1)
    other = root.add_child(instance=Page(title="别处", slug="elsewhere"))
    Page.objects.bulk_create(
        Page(
            title=f"页{number}",
            slug=f"p{number}",
            path=Page._get_path(other.path, other.depth + 1, number + 1),
            depth=other.depth + 1,
            numchild=0,
            locale_id=other.locale_id,
        )
        for number in range(count)
    )
    Page.objects.filter(pk=other.pk).update(numchild=count)
