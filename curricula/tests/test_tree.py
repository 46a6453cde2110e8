"""Page-tree rules of the curricula section, pinned."""

from wagtail.test.utils import WagtailPageTestCase

from cms.demo import ensure_site_tree
from cms.models import HomePage
from curricula.importer import ensure_library
from curricula.models import CourseModule, CurriculaIndexPage, ModuleLibrary, Occupation, TrainingPackage

from .factories import make_module, make_occupation, make_package


class CurriculaTreeRulesTests(WagtailPageTestCase):
    def test_catalogue_holds_occupations_and_the_module_library(self):
        self.assertAllowedSubpageTypes(CurriculaIndexPage, {Occupation, ModuleLibrary})
        self.assertCanCreateAt(CurriculaIndexPage, Occupation)
        self.assertCanCreateAt(CurriculaIndexPage, ModuleLibrary)
        self.assertCanNotCreateAt(CurriculaIndexPage, TrainingPackage)
        self.assertCanNotCreateAt(CurriculaIndexPage, CourseModule)

    def test_occupation_holds_only_packages(self):
        self.assertAllowedParentPageTypes(Occupation, {CurriculaIndexPage})
        self.assertAllowedSubpageTypes(Occupation, {TrainingPackage})
        self.assertCanCreateAt(Occupation, TrainingPackage)
        self.assertCanNotCreateAt(Occupation, CourseModule)
        self.assertCanNotCreateAt(Occupation, Occupation)
        self.assertCanNotCreateAt(HomePage, Occupation)

    def test_packages_and_modules_are_leaves(self):
        self.assertAllowedParentPageTypes(TrainingPackage, {Occupation})
        self.assertAllowedSubpageTypes(TrainingPackage, set())
        self.assertAllowedParentPageTypes(CourseModule, {ModuleLibrary})
        self.assertAllowedSubpageTypes(CourseModule, set())
        self.assertCanNotCreateAt(ModuleLibrary, TrainingPackage)
        self.assertCanNotCreateAt(TrainingPackage, CourseModule)

    def test_module_library_holds_only_modules(self):
        self.assertAllowedParentPageTypes(ModuleLibrary, {CurriculaIndexPage})
        self.assertAllowedSubpageTypes(ModuleLibrary, {CourseModule})
        self.assertCanCreateAt(ModuleLibrary, CourseModule)
        self.assertCanNotCreateAt(HomePage, ModuleLibrary)

    def test_only_one_module_library(self):
        _, sections = ensure_site_tree()
        index = sections["curricula"]
        self.assertTrue(ModuleLibrary.can_create_at(index))
        library = ensure_library(index)
        self.assertEqual(library.slug, "modules")
        self.assertFalse(ModuleLibrary.can_create_at(index), "a second module library must be refused")
        self.assertEqual(ensure_library(index).pk, library.pk)

    def test_real_pages_accept_their_children(self):
        _, sections = ensure_site_tree()
        index = sections["curricula"]
        occupation = make_occupation(index, "养老护理员", code="4-10-01-05", slug="yanglao")
        module = make_module(index, "M-1")
        package = make_package(occupation, "P-1", modules=[module])
        self.assertTrue(TrainingPackage.can_create_at(occupation))
        self.assertFalse(TrainingPackage.can_create_at(module.get_parent()))
        self.assertFalse(CourseModule.can_create_at(package))
        self.assertEqual(package.get_parent().specific, occupation)
