// The 1-D lesson's document without any widget: edits emit the right change signals (and only on
// a real change), mixture edits undo and redo, a learned model locks data and schedule, and a
// snapshot is a value that later edits do not reach.

#include "ui/lessons/mixture1d/mixture1ddocument.h"
#include "ui/modelstore.h"

#include <QSignalSpy>
#include <QUndoStack>

#include <gtest/gtest.h>

using ds::ui::Component1D;
using ds::ui::Mixture1DDocument;

namespace {

std::shared_ptr<const ds::ui::LearnedModel> learnedModel(int steps) {
  auto m = std::make_shared<ds::ui::LearnedModel>();
  m->schedule.kind = ds::ScheduleKind::Cosine;
  m->schedule.steps = steps;
  m->dim = 1;
  return m;
}

TEST(Mixture1DDocument, StartsOnTheLectureExample) {
  Mixture1DDocument doc;
  ASSERT_EQ(doc.components().size(), 2u);
  EXPECT_DOUBLE_EQ(doc.components()[0].mean, -2.0);
  EXPECT_DOUBLE_EQ(doc.components()[1].mean, 2.0);
  EXPECT_EQ(doc.snapshot().data.toSpec(), ds::GaussianMixture::lectureBimodal().toSpec());
  EXPECT_EQ(doc.snapshot().schedule.steps, 1000);
  EXPECT_FALSE(doc.undoStack()->canUndo());
}

TEST(Mixture1DDocument, EditsEmitTheirSignalOnlyWhenSomethingChanged) {
  Mixture1DDocument doc;
  QSignalSpy mixture(&doc, &Mixture1DDocument::mixtureChanged);
  QSignalSpy chains(&doc, &Mixture1DDocument::chainsChanged);
  QSignalSpy schedule(&doc, &Mixture1DDocument::scheduleChanged);
  QSignalSpy probe(&doc, &Mixture1DDocument::probeChanged);

  auto rows = doc.components();
  rows[1].mean = 3.0;
  doc.setComponents(rows);
  EXPECT_EQ(mixture.count(), 1);
  EXPECT_EQ(chains.count(), 1);
  doc.setComponents(rows);  // the same again: nothing to do
  EXPECT_EQ(mixture.count(), 1);

  doc.setSteps(200);
  doc.setScheduleKind(ds::ScheduleKind::Cosine);
  EXPECT_EQ(schedule.count(), 2);
  EXPECT_EQ(chains.count(), 3);
  doc.setSteps(200);
  EXPECT_EQ(schedule.count(), 2);

  // The posterior probe needs no new chains.
  doc.setPosteriorXt(1.25);
  doc.setJump(40);
  doc.setJump(0);  // clamped to 1
  EXPECT_EQ(doc.jump(), 1);
  EXPECT_EQ(probe.count(), 3);
  EXPECT_EQ(chains.count(), 3);

  doc.setSeed(doc.seed() + 1);
  doc.setParticles(300);
  EXPECT_EQ(chains.count(), 5);
}

TEST(Mixture1DDocument, MixtureEditsUndoAndRedoAndOneCellMergesIntoOneStep) {
  Mixture1DDocument doc;
  const auto original = doc.components();
  auto rows = original;
  for (double mean : {2.25, 2.5, 2.75}) {  // stepping one spin box
    rows[1].mean = mean;
    doc.setComponents(rows);
  }
  EXPECT_EQ(doc.undoStack()->count(), 1);
  rows[0].std = 0.9;  // another cell: another step
  doc.setComponents(rows);
  EXPECT_EQ(doc.undoStack()->count(), 2);
  rows.push_back(Component1D{1.0, 0.0, 0.3});
  doc.setComponents(rows);
  EXPECT_EQ(doc.undoStack()->count(), 3);

  QSignalSpy chains(&doc, &Mixture1DDocument::chainsChanged);
  doc.undoStack()->undo();
  EXPECT_EQ(doc.components().size(), 2u);
  doc.undoStack()->undo();
  EXPECT_DOUBLE_EQ(doc.components()[0].std, original[0].std);
  EXPECT_DOUBLE_EQ(doc.components()[1].mean, 2.75);
  doc.undoStack()->undo();
  EXPECT_EQ(doc.components(), original);
  EXPECT_EQ(chains.count(), 3);  // every undo re-runs the chains
  doc.undoStack()->redo();
  EXPECT_DOUBLE_EQ(doc.components()[1].mean, 2.75);

  doc.resetToLectureExample();
  EXPECT_EQ(doc.components(), original);
  EXPECT_TRUE(doc.undoStack()->canUndo());  // the reset itself can be undone
}

TEST(Mixture1DDocument, SnapshotIsAValueThatLaterEditsDoNotReach) {
  Mixture1DDocument doc;
  doc.setPosteriorXt(0.5);
  const ds::ui::Mixture1DSnapshot before = doc.snapshot();
  auto rows = doc.components();
  rows[0].weight = 3.0;
  doc.setComponents(rows);
  doc.setSteps(50);
  doc.setPosteriorXt(-1.0);
  doc.setSeed(9);
  EXPECT_EQ(before.data.toSpec(), ds::GaussianMixture::lectureBimodal().toSpec());
  EXPECT_EQ(before.schedule.steps, 1000);
  EXPECT_DOUBLE_EQ(before.xt, 0.5);
  EXPECT_EQ(before.seed, 0u);
  const ds::ui::Mixture1DSnapshot after = doc.snapshot();
  EXPECT_NE(after.data.toSpec(), before.data.toSpec());
  EXPECT_EQ(after.schedule.steps, 50);
  EXPECT_EQ(after.seed, 9u);
}

TEST(Mixture1DDocument, ALearnedModelLocksDataAndScheduleUntilSwitchedOff) {
  Mixture1DDocument doc;
  doc.setSteps(300);
  const ds::GaussianMixture trained = ds::GaussianMixture::parse("0.5:-1:0.3;0.5:1.5:0.3");
  QSignalSpy chains(&doc, &Mixture1DDocument::chainsChanged);
  QSignalSpy snapshots(&doc, &Mixture1DDocument::modelSnapshotChanged);
  doc.setLearned(learnedModel(200), trained);
  EXPECT_TRUE(doc.isLocked());
  EXPECT_EQ(chains.count(), 1);
  EXPECT_EQ(doc.snapshot().schedule.steps, 200);
  EXPECT_EQ(doc.snapshot().schedule.kind, ds::ScheduleKind::Cosine);
  EXPECT_EQ(doc.snapshot().data.toSpec(), trained.toSpec());
  EXPECT_NE(doc.snapshot().learned, nullptr);

  // A newer snapshot of the same model: no immediate recompute, a snapshot signal instead.
  doc.setLearned(learnedModel(200), trained);
  EXPECT_EQ(snapshots.count(), 1);
  EXPECT_EQ(chains.count(), 1);
  // Edits underneath do not run chains while locked.
  doc.setSteps(400);
  EXPECT_EQ(chains.count(), 1);
  EXPECT_EQ(doc.snapshot().schedule.steps, 200);

  doc.setLearned(nullptr, {});
  EXPECT_FALSE(doc.isLocked());
  EXPECT_EQ(chains.count(), 2);
  EXPECT_EQ(doc.snapshot().schedule.steps, 400);
  EXPECT_EQ(doc.snapshot().data.toSpec(), ds::GaussianMixture::lectureBimodal().toSpec());
  EXPECT_EQ(doc.snapshot().learned, nullptr);
}

}  // namespace
