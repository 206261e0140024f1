// Mixture presets (core/data/presets.h): the shipped resources/presets/*.json files, and every
// error a hand-edited file can contain, each reported with the entry that is wrong.

#include "core/data/presets.h"
#include "core/gmm.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#ifndef DS_PRESETS_DIR
#error "DS_PRESETS_DIR (the source tree's resources/presets) must be defined by the build"
#endif

namespace {

const std::string kPresetsDir = DS_PRESETS_DIR;

std::string parseError(const std::string& text, int dim = 0) {
  try {
    ds::parseMixturePresets(text, dim, "p.json");
  } catch (const ds::PresetError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Presets, Mixtures2dFileHasTheLessonPresetsAndEverySpecIs2D) {
  const auto presets = ds::readMixturePresets(kPresetsDir + "/mixtures2d.json", 2);
  ASSERT_GE(presets.size(), 4u);
  std::set<std::string> names;
  for (const auto& p : presets) {
    SCOPED_TRACE(p.name);
    const auto mixture = ds::GaussianMixture::parse(p.spec);
    EXPECT_EQ(mixture.dim(), 2);
    EXPECT_FALSE(p.description.empty());
    names.insert(p.name);
  }
  EXPECT_EQ(names.size(), presets.size());
  // The 2-D lesson opens on the first preset: the ring of 8 Gaussians of radius 2.
  const auto ring = ds::GaussianMixture::parse(presets.front().spec);
  ASSERT_EQ(ring.size(), 8);
  for (const auto& c : ring.components()) {
    EXPECT_NEAR(std::hypot(c.mean[0], c.mean[1]), 2.0, 2e-3);
    EXPECT_DOUBLE_EQ(c.std, 0.2);
    EXPECT_DOUBLE_EQ(c.weight, 0.125);
  }
}

TEST(Presets, EveryShippedPresetFileParses) {
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kPresetsDir)) {
    if (entry.path().extension() != ".json") continue;
    SCOPED_TRACE(entry.path().string());
    EXPECT_NO_THROW(ds::readMixturePresets(entry.path().string()));
    ++files;
  }
  EXPECT_GE(files, 1);
}

TEST(Presets, ParsesNameSpecAndOptionalDescription) {
  const auto presets = ds::parseMixturePresets(
      R"([{"name": "Bimodal", "spec": "0.5:-2:0.4;0.5:2:0.4", "description": "two modes"},
          {"name": "One", "spec": "1:0:1"}])");
  ASSERT_EQ(presets.size(), 2u);
  EXPECT_EQ(presets[0].name, "Bimodal");
  EXPECT_EQ(presets[0].spec, "0.5:-2:0.4;0.5:2:0.4");
  EXPECT_EQ(presets[0].description, "two modes");
  EXPECT_EQ(presets[1].name, "One");
  EXPECT_EQ(presets[1].description, "");
}

TEST(Presets, ErrorsNameTheSourceAndTheEntry) {
  EXPECT_NE(parseError("[{").find("p.json: not valid JSON"), std::string::npos);
  EXPECT_EQ(parseError(R"({"name": "a"})"), "p.json: expected a JSON array of presets");
  EXPECT_EQ(parseError("[]"), "p.json: no presets");
  EXPECT_EQ(parseError(R"([{"name": "a", "spec": "1:0:1"}, 3])"),
            "p.json: entry 2: expected an object {name, spec, description}");
  EXPECT_EQ(parseError(R"([{"spec": "1:0:1"}])"), "p.json: entry 1: missing \"name\"");
  EXPECT_EQ(parseError(R"([{"name": "", "spec": "1:0:1"}])"), "p.json: entry 1 (\"\"): \"name\" is empty");
  EXPECT_EQ(parseError(R"([{"name": "a", "spec": 5}])"), "p.json: entry 1 (\"a\"): \"spec\" must be a string");
  EXPECT_EQ(parseError(R"([{"name": "a", "spec": "1:0:1", "descripton": "typo"}])"),
            "p.json: entry 1 (\"a\"): unknown key \"descripton\" (allowed: name, spec, description)");
  EXPECT_EQ(parseError(R"([{"name": "a", "spec": "1:0:1", "description": 1}])"),
            "p.json: entry 1 (\"a\"): \"description\" must be a string");
  EXPECT_EQ(parseError(R"([{"name": "a", "spec": "1:0:1"}, {"name": "a", "spec": "1:1:1"}])"),
            "p.json: entry 2 (\"a\"): duplicate name");
}

TEST(Presets, ABadSpecIsReportedWithGaussianMixturesMessage) {
  const std::string error = parseError(R"([{"name": "ok", "spec": "1:0,0:1"},
                                           {"name": "Grid", "spec": "1:0,0:1;1:x,0:1"}])");
  EXPECT_EQ(error.rfind("p.json: entry 2 (\"Grid\"): spec: ", 0), 0u) << error;
  EXPECT_NE(error.find("\"x\""), std::string::npos) << error;
}

TEST(Presets, AWrongDimensionIsRefusedOnlyWhenADimensionIsRequired) {
  const std::string oneD = R"([{"name": "Bimodal", "spec": "0.5:-2:0.4;0.5:2:0.4"}])";
  EXPECT_EQ(parseError(oneD, 2), "p.json: entry 1 (\"Bimodal\"): spec is 1-D, this file holds 2-D mixtures");
  EXPECT_EQ(parseError(oneD, 1), "(no error)");
  EXPECT_EQ(parseError(oneD, 0), "(no error)");
}

TEST(Presets, AMissingFileIsAPresetError) {
  EXPECT_THROW(ds::readMixturePresets(kPresetsDir + "/no-such-file.json"), ds::PresetError);
}

}  // namespace
