// The Train lesson's document without widgets: the data set of each choice, undoable drawing,
// change signals, and the snapshot a training job takes.

#include "ui/lessons/train/traindocument.h"
#include "ui/lessons/train/traindrawing.h"

#include "core/data/pointset.h"
#include "core/training/resume.h"

#include <QSignalSpy>
#include <QUndoStack>

#include <gtest/gtest.h>

namespace {

using ds::ui::TrainDocument;

TEST(TrainDocument, StartsWithAToyDrawnFromTheTrainingSeed) {
  TrainDocument doc;
  EXPECT_EQ(doc.dim(), 2);
  EXPECT_EQ(doc.pointCount(), doc.toyPointCount());
  EXPECT_TRUE(doc.isTrainable());
  EXPECT_TRUE(doc.shift().empty());  // toys are trained as drawn
  // The same points a resumed run redraws (core/training/resume.h): one resume path.
  const auto expected =
      ds::toInterleaved(ds::drawTrainingData("toy", doc.dataKey().toStdString(), doc.toyPointCount(), doc.seed()));
  EXPECT_EQ(doc.data(), expected);
}

TEST(TrainDocument, SeedAndCountRedrawTheToy) {
  TrainDocument doc;
  ASSERT_TRUE(doc.setDataKey(QStringLiteral("moons")));
  QSignalSpy data(&doc, &TrainDocument::dataChanged);
  const auto before = doc.data();
  doc.setSeed(5);
  EXPECT_EQ(data.count(), 1);
  EXPECT_NE(doc.data(), before);
  doc.setToyPointCount(300);
  EXPECT_EQ(doc.pointCount(), 300);
  doc.setToyPointCount(300);  // no change, no signal
  EXPECT_EQ(data.count(), 2);
  EXPECT_FALSE(doc.setDataKey(QStringLiteral("circles")));  // unknown: nothing changes
  EXPECT_EQ(doc.dataKey(), QStringLiteral("moons"));
}

TEST(TrainDocument, DrawingIsUndoableAndNormalised) {
  TrainDocument doc;
  ASSERT_TRUE(doc.setDataKey(TrainDocument::kDrawn));
  EXPECT_EQ(doc.pointCount(), 0);
  EXPECT_FALSE(doc.isTrainable());
  QSignalSpy data(&doc, &TrainDocument::dataChanged);
  doc.drawing()->spray(QPointF(2, 1), 0.3, 10, 1);
  doc.drawing()->spray(QPointF(2.2, 1), 0.3, 10, 1);  // same stroke: one undo step
  EXPECT_EQ(doc.pointCount(), 20);
  EXPECT_TRUE(doc.isTrainable());
  EXPECT_EQ(data.count(), 2);
  ASSERT_EQ(doc.shift().size(), 2u);
  EXPECT_NEAR(doc.shift()[0], 2.1, 0.2);  // centred on the drawing
  EXPECT_LT(doc.scale(), 1.0);
  doc.drawing()->undoStack()->undo();
  EXPECT_EQ(doc.pointCount(), 0);
  EXPECT_EQ(data.count(), 3);
}

TEST(TrainDocument, CsvPointsSelectTheCsvSource) {
  TrainDocument doc;
  doc.setCsvPoints({1.f, 2.f, 3.f, 4.f, 5.f}, 1, QStringLiteral("pts.csv"));
  EXPECT_EQ(doc.dataKey(), TrainDocument::kCsv);
  EXPECT_EQ(doc.dim(), 1);
  EXPECT_EQ(doc.pointCount(), 5);
  EXPECT_EQ(doc.dataTitle(), QStringLiteral("pts.csv"));
  EXPECT_NEAR(doc.shift()[0], 3.0, 1e-9);
  const ds::ui::TrainSetup s = doc.snapshot();
  EXPECT_EQ(s.dataSource, QStringLiteral("points"));
  EXPECT_EQ(s.dataName, QStringLiteral("pts.csv"));
  EXPECT_EQ(s.data, doc.data());
}

TEST(TrainDocument, SettingsAndScheduleSignalAndReachTheSnapshot) {
  TrainDocument doc;
  QSignalSpy schedule(&doc, &TrainDocument::scheduleChanged);
  QSignalSpy settings(&doc, &TrainDocument::settingsChanged);
  doc.setScheduleKind(ds::ScheduleKind::Cosine);
  doc.setScheduleSteps(200);
  doc.setScheduleSteps(200);
  EXPECT_EQ(schedule.count(), 2);
  doc.setHidden(32);
  doc.setLayers(2);
  doc.setLearningRate(1e-3);
  doc.setBatchSize(64);
  doc.setIterations(77);
  doc.setVlbWeighting(true);
  EXPECT_EQ(settings.count(), 6);
  const ds::ui::TrainSetup s = doc.snapshot();
  EXPECT_EQ(s.schedule.kind, ds::ScheduleKind::Cosine);
  EXPECT_EQ(s.schedule.steps, 200);
  EXPECT_EQ(s.hidden, 32);
  EXPECT_EQ(s.layers, 2);
  EXPECT_DOUBLE_EQ(s.learningRate, 1e-3);
  EXPECT_EQ(s.batchSize, 64);
  EXPECT_EQ(s.iterations, 77);
  EXPECT_TRUE(s.vlbWeighting);
  // The snapshot is a copy: later edits do not reach a job that already has it.
  doc.setHidden(64);
  EXPECT_EQ(s.hidden, 32);
}

TEST(TrainDocument, ApplySettingsOfACheckpoint) {
  TrainDocument doc;
  ds::ui::TrainSetup s = doc.snapshot();
  s.hidden = 24;
  s.schedule.steps = 300;
  s.seed = 9;
  s.dataSource = QStringLiteral("toy");
  s.dataName = QStringLiteral("swissroll");
  QSignalSpy data(&doc, &TrainDocument::dataChanged);
  doc.applySettings(s);
  EXPECT_EQ(doc.hidden(), 24);
  EXPECT_EQ(doc.schedule().steps, 300);
  EXPECT_EQ(doc.seed(), 9u);
  EXPECT_EQ(doc.dataKey(), QStringLiteral("swissroll"));
  EXPECT_EQ(data.count(), 1);
}

}  // namespace
