// libFuzzer target: arbitrary bytes as a search-space JSON (`mcunet search --space FILE`),
// through the product's JSON reader. A space may be refused (mcunet::Error), never crash; an
// accepted one must round-trip through its JSON, and a few seeded samples, a mutation and a
// crossover must be members of it that build and measure (or are refused with a message).
// Seed with the built-in spaces saved as JSON (mcunet search-space export) and
// ../shared/bad-inputs/*.json.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "nas/evaluator.h"
#include "nas/search_space.h"
#include "util/error.h"
#include "util/json_file.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace mcunet;
    nas::SearchSpace space;
    try {
        space = nas::searchSpaceFromJson(util::parseJsonText(std::string(reinterpret_cast<const char*>(data), size), "fuzz.json"),
                                         "fuzz.json");
    } catch (const Error&) {
        return 0;
    }
    try {
        if (nas::toJson(nas::searchSpaceFromJson(nas::toJson(space), "again")) != nas::toJson(space)) std::abort();
    } catch (const Error&) {
        std::abort();  // what was accepted once must be accepted again
    }
    nas::Rng rng(size);
    try {
        nas::ArchGenes a = nas::sampleGenes(space, rng);
        nas::ArchGenes b = nas::mutateGenes(space, a, 0.5, rng);
        nas::ArchGenes c = nas::crossoverGenes(a, b, rng);
        for (const nas::ArchGenes* genes : {&a, &b, &c}) {
            nas::checkGenes(space, *genes);  // must hold: every gene is one of the space's choices
            if (genes->resolution > 96) continue;  // measuring is bounded by resolution; keep runs fast
            (void)nas::measureArch(nas::buildArch(space, *genes));
        }
    } catch (const Error&) {
    }
    return 0;
}
