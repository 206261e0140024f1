// Toy data sets and user point sets (CSV): shapes, scale, determinism and every parse error.

#include "core/data/pointset.h"
#include "core/data/toys.h"
#include "core/runtime/atomicfile.h"
#include "core/runtime/rng.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace {

std::string parseError(const std::string& text) {
  try {
    ds::parsePointsCsv(text, "pts.csv");
  } catch (const ds::PointSetError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Toys, EveryToyHasUnitScaleAndIsSeeded) {
  ASSERT_GE(ds::toyNames().size(), 8u);
  for (const auto& name : ds::toyNames()) {
    SCOPED_TRACE(name);
    auto g1 = ds::makeGenerator(7, torch::kCPU);
    auto g2 = ds::makeGenerator(7, torch::kCPU);
    auto x = ds::makeToy(name, 4000, g1);
    const int D = ds::toyInfo(name).dim;
    ASSERT_EQ(x.sizes(), (std::vector<int64_t>{4000, D}));
    EXPECT_EQ(x.scalar_type(), torch::kFloat);
    EXPECT_TRUE(torch::isfinite(x).all().item<bool>());
    EXPECT_TRUE(torch::equal(x, ds::makeToy(name, 4000, g2)));
    const double rms = (x - x.mean(0)).pow(2).mean().sqrt().item<double>();
    EXPECT_GT(rms, 0.5);
    EXPECT_LT(rms, 2.5);
    EXPECT_LT(x.mean(0).abs().max().item<double>(), 0.6);
    auto g3 = ds::makeGenerator(7, torch::kCPU);
    EXPECT_EQ(ds::makeToy(name, 3, g3).size(0), 3);  // odd and tiny sizes work
  }
}

TEST(Toys, RegistryAndMixtures) {
  for (const char* name :
       {"moons", "swissroll", "8gaussians", "checkerboard", "spirals", "rings", "mixture2d", "mixture1d"}) {
    EXPECT_TRUE(ds::isToy(name)) << name;
  }
  EXPECT_FALSE(ds::isToy("circles"));
  try {
    ds::toyInfo("circles");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("moons"), std::string::npos);  // names the known ones
  }
  EXPECT_TRUE(ds::toyMixture("mixture2d").has_value());
  EXPECT_EQ(ds::toyMixture("mixture1d")->dim(), 1);
  EXPECT_FALSE(ds::toyMixture("moons").has_value());
  auto gen = ds::makeGenerator(0, torch::kCPU);
  EXPECT_THROW(ds::makeToy("moons", 0, gen), std::invalid_argument);
}

TEST(PointSet, ParsesTwoAndOneColumns) {
  auto p = ds::parsePointsCsv("x,y\n1,2\n\n# a comment\n -3.5 , 4e-1 \r\n");
  EXPECT_EQ(p.dim(), 2);
  ASSERT_EQ(p.size(), 2);
  EXPECT_FLOAT_EQ(p.points[1][0].item<float>(), -3.5f);
  EXPECT_FLOAT_EQ(p.points[1][1].item<float>(), 0.4f);
  auto q = ds::parsePointsCsv(" X \n1\n2\n3");
  EXPECT_EQ(q.dim(), 1);
  EXPECT_EQ(q.size(), 3);
}

TEST(PointSet, ErrorsNameTheLine) {
  EXPECT_NE(parseError("").find("empty"), std::string::npos);
  EXPECT_NE(parseError("\n\n  \n").find("empty"), std::string::npos);
  EXPECT_NE(parseError("x,y\n").find("no points"), std::string::npos);
  EXPECT_NE(parseError("1,2\n3,4\n").find("pts.csv:1: expected a header"), std::string::npos);
  EXPECT_NE(parseError("a,b\n1,2\n").find("header"), std::string::npos);
  EXPECT_NE(parseError("x,y\n1,2\n3\n").find("pts.csv:3: expected 2 values"), std::string::npos);
  EXPECT_NE(parseError("x\n1\n2,3\n").find("pts.csv:3: expected 1 value"), std::string::npos);
  EXPECT_NE(parseError("x,y\n1,2\n1,abc\n").find("pts.csv:3: column y: \"abc\" is not a finite number"),
            std::string::npos);
  EXPECT_NE(parseError("x,y\n1,\n").find("pts.csv:2"), std::string::npos);
  EXPECT_NE(parseError("x,y\nnan,1\n").find("pts.csv:2"), std::string::npos);
  EXPECT_NE(parseError("x,y\n1,inf\n").find("not a finite"), std::string::npos);
  EXPECT_NE(parseError("x,y\n1e999,1\n").find("not a finite"), std::string::npos);
  EXPECT_NE(parseError("x,y\n1,2,3\n").find("found 3"), std::string::npos);
  EXPECT_THROW(ds::readPointsCsv("/nonexistent/dir/points.csv"), ds::PointSetError);
}

TEST(PointSet, WriteReadRoundTrip) {
  const auto path = (std::filesystem::temp_directory_path() / "ds_test_points.csv").string();
  auto pts = torch::randn({50, 2});
  ds::writePointsCsv(path, pts);
  auto back = ds::readPointsCsv(path);
  std::remove(path.c_str());
  EXPECT_TRUE(torch::allclose(back.points, pts, 1e-6, 1e-6));
  EXPECT_THROW(ds::writePointsCsv(path, torch::randn({3, 3})), std::invalid_argument);
}

TEST(PointSet, ReadsOldLessonExportsAndBom) {
  // The 1-D/2-D lessons once wrote "i,x,y" / "i,x": the index column is dropped.
  auto p = ds::parsePointsCsv("i,x,y\n0,1.5,2\n1,-3,4\n");
  EXPECT_EQ(p.columns, (std::vector<std::string>{"x", "y"}));
  ASSERT_EQ(p.size(), 2);
  EXPECT_FLOAT_EQ(p.points[0][0].item<float>(), 1.5f);
  EXPECT_FLOAT_EQ(p.points[1][1].item<float>(), 4.0f);
  auto q = ds::parsePointsCsv("\xEF\xBB\xBFi,x\n0,7\n1,8\n");
  EXPECT_EQ(q.dim(), 1);
  EXPECT_FLOAT_EQ(q.points[1][0].item<float>(), 8.0f);
  auto r = ds::parsePointsCsv("\xEF\xBB\xBFx,y\n1,2\n");
  EXPECT_EQ(r.dim(), 2);
  EXPECT_NE(parseError("i,x,y\n0,1\n").find("pts.csv:2: expected 3 values (i,x,y), found 2"), std::string::npos);
  EXPECT_NE(parseError("i\n0\n").find("header"), std::string::npos);
}

TEST(PointSet, FormatIsExactForFloats) {
  auto pts = torch::tensor({{0.1f, -1e-7f}, {123456.789f, 3.0f}});
  const std::string text = ds::formatPointsCsv(pts);
  EXPECT_EQ(text.substr(0, 4), "x,y\n");
  EXPECT_TRUE(torch::equal(ds::parsePointsCsv(text).points, pts));
  EXPECT_EQ(ds::formatPointsCsv(torch::tensor({{2.5f}})), "x\n2.5\n");
}

TEST(AtomicFile, FailedWriteKeepsTheOldFile) {
  const auto dir = std::filesystem::temp_directory_path() / "ds_test_atomic";
  std::filesystem::create_directories(dir);
  const auto path = (dir / "points.csv").string();
  ds::writePointsCsv(path, torch::tensor({{1.0f, 2.0f}}));
  EXPECT_THROW(ds::writeFileAtomically(path,
                                       [](std::ostream& out) {
                                         out << "x,y\n9,9\n";
                                         throw std::runtime_error("interrupted");
                                       }),
               std::runtime_error);
  EXPECT_FLOAT_EQ(ds::readPointsCsv(path).points[0][1].item<float>(), 2.0f);
  // No temporary file is left behind.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()), 1);
  EXPECT_THROW(ds::writePointsCsv((dir / "missing" / "p.csv").string(), torch::ones({2, 1})), ds::PointSetError);
  EXPECT_THROW(ds::writeFileAtomically(dir.string(), "x"), ds::AtomicWriteError);
  ds::writeFileAtomically(path, "x\n5\n");
  EXPECT_EQ(ds::readPointsCsv(path).dim(), 1);
  std::filesystem::remove_all(dir);
}

TEST(PointSet, Normalization) {
  auto pts = torch::randn({1000, 2}) * 40 + torch::tensor({300.0f, -20.0f});
  auto n = ds::fitNormalization(pts);
  EXPECT_FALSE(n.isIdentity());
  auto z = n.apply(pts);
  EXPECT_NEAR(z.pow(2).mean().item<double>(), 1.0, 1e-3);
  EXPECT_LT(z.mean(0).abs().max().item<double>(), 1e-3);
  EXPECT_TRUE(torch::allclose(n.inverse(z), pts, 1e-3, 1e-3));
  auto single = ds::fitNormalization(torch::ones({1, 2}));
  EXPECT_EQ(single.scale, 1.0);
  EXPECT_TRUE(ds::Normalization{}.isIdentity());
}

}  // namespace
