from django.core.management.base import BaseCommand

from consortia.search.index import index_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index from every registered source (consortia/search/registry.py)."

    def handle(self, *args, **options) -> None:
        counts = index_rebuild()
        total = sum(counts.values())
        detail = ", ".join(f"{kind} {count}" for kind, count in counts.items())
        self.stdout.write(f"Indexed {total} documents ({detail}).")
