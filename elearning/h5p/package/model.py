from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Dependency:
    machine_name: str
    major: int
    minor: int

    @property
    def folder(self) -> str:
        return f"{self.machine_name}-{self.major}.{self.minor}"

    def __str__(self) -> str:
        return f"{self.machine_name} {self.major}.{self.minor}"

    @classmethod
    def from_json(cls, value: dict) -> "Dependency":
        return cls(value["machineName"], int(value["majorVersion"]), int(value["minorVersion"]))


@dataclass
class LibraryFiles:
    """One library folder of a package: its parsed library.json and every file, by path
    relative to the folder."""

    folder: str
    library_json: dict
    files: dict[str, bytes]
    semantics: list | None = None

    @property
    def dependency(self) -> Dependency:
        return Dependency.from_json(self.library_json)

    @property
    def patch(self) -> int:
        return int(self.library_json["patchVersion"])

    @property
    def preloaded_dependencies(self) -> list[Dependency]:
        return [
            Dependency.from_json(d)
            for key in ("preloadedDependencies", "dynamicDependencies")
            for d in self.library_json.get(key, [])
        ]


@dataclass
class Package:
    h5p_json: dict
    content_json: dict
    content_files: dict[str, bytes]  # under content/, path relative to content/
    libraries: dict[Dependency, LibraryFiles] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.h5p_json["title"]

    @property
    def main_library(self) -> Dependency:
        main = self.h5p_json["mainLibrary"]
        for dependency in self.dependencies:
            if dependency.machine_name == main:
                return dependency
        raise LookupError(main)  # read_package guarantees it is there

    @property
    def dependencies(self) -> list[Dependency]:
        return [Dependency.from_json(d) for d in self.h5p_json["preloadedDependencies"]]
