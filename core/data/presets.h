#pragma once
// Named, ready-made data distributions ("presets"): Gaussian-mixture SPECs with a name and a
// one-line description, kept as JSON in resources/presets/*.json so they can be edited (and later
// translated) without touching code. Qt-free, so the CLI and the core tests read the same files.
//
// File format: a JSON array of objects
//   [{"name": "Ring of 8", "spec": "0.125:2,0:0.2;…", "description": "…"}, …]
// "name" and "spec" are required non-empty strings, "description" an optional string; no other
// keys are allowed (a misspelt key is an error, not silently ignored).

#include <stdexcept>
#include <string>
#include <vector>

namespace ds {

// A malformed preset file; the message names the source and the bad entry (index and name).
class PresetError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct MixturePreset {
  std::string name;
  std::string spec;  // a GaussianMixture SPEC, see core/gmm.h
  std::string description;
};

// Parses the JSON text of a preset file. Every spec must parse as a GaussianMixture and, when
// `requiredDim` > 0, have that dimension; names must be unique. Throws PresetError naming
// `source` (a file name) and the entry, e.g.
//   mixtures2d.json: entry 3 ("Grid"): spec: component 2 ("1:x:0.1"): mean "x" is not a number
std::vector<MixturePreset> parseMixturePresets(const std::string& json, int requiredDim = 0,
                                               const std::string& source = "presets");
// Reads and parses a file (PresetError also when it cannot be read).
std::vector<MixturePreset> readMixturePresets(const std::string& path, int requiredDim = 0);

}  // namespace ds
