#include "core/data/presets.h"

#include "core/gmm.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <sstream>

namespace ds {

namespace {

using nlohmann::json;

std::string entryLabel(const std::string& source, std::size_t index, const json& entry) {
  // Entries are counted from 1, as a person reading the file counts them.
  std::string label = source + ": entry " + std::to_string(index + 1);
  if (entry.is_object()) {
    const auto name = entry.find("name");
    if (name != entry.end() && name->is_string()) label += " (\"" + name->get<std::string>() + "\")";
  }
  return label;
}

std::string requiredString(const json& entry, const char* key) {
  const auto it = entry.find(key);
  if (it == entry.end()) throw std::invalid_argument(std::string("missing \"") + key + "\"");
  if (!it->is_string()) throw std::invalid_argument(std::string("\"") + key + "\" must be a string");
  const std::string value = it->get<std::string>();
  if (value.empty()) throw std::invalid_argument(std::string("\"") + key + "\" is empty");
  return value;
}

MixturePreset parseEntry(const json& entry, int requiredDim) {
  if (!entry.is_object()) throw std::invalid_argument("expected an object {name, spec, description}");
  for (const auto& item : entry.items()) {
    if (item.key() != "name" && item.key() != "spec" && item.key() != "description")
      throw std::invalid_argument("unknown key \"" + item.key() + "\" (allowed: name, spec, description)");
  }
  MixturePreset preset;
  preset.name = requiredString(entry, "name");
  preset.spec = requiredString(entry, "spec");
  if (const auto it = entry.find("description"); it != entry.end()) {
    if (!it->is_string()) throw std::invalid_argument("\"description\" must be a string");
    preset.description = it->get<std::string>();
  }
  GaussianMixture mixture;
  try {
    mixture = GaussianMixture::parse(preset.spec);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(std::string("spec: ") + e.what());
  }
  if (requiredDim > 0 && mixture.dim() != requiredDim)
    throw std::invalid_argument("spec is " + std::to_string(mixture.dim()) + "-D, this file holds " +
                                std::to_string(requiredDim) + "-D mixtures");
  return preset;
}

}  // namespace

std::vector<MixturePreset> parseMixturePresets(const std::string& text, int requiredDim, const std::string& source) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    throw PresetError(source + ": not valid JSON: " + e.what());
  }
  if (!doc.is_array()) throw PresetError(source + ": expected a JSON array of presets");
  if (doc.empty()) throw PresetError(source + ": no presets");

  std::vector<MixturePreset> presets;
  std::set<std::string> names;
  for (std::size_t i = 0; i < doc.size(); ++i) {
    try {
      MixturePreset preset = parseEntry(doc[i], requiredDim);
      if (!names.insert(preset.name).second) throw std::invalid_argument("duplicate name");
      presets.push_back(std::move(preset));
    } catch (const std::invalid_argument& e) {
      throw PresetError(entryLabel(source, i, doc[i]) + ": " + e.what());
    }
  }
  return presets;
}

std::vector<MixturePreset> readMixturePresets(const std::string& path, int requiredDim) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw PresetError(path + ": cannot be read");
  std::ostringstream text;
  text << in.rdbuf();
  return parseMixturePresets(text.str(), requiredDim, path);
}

}  // namespace ds
