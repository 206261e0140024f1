// The 2-D lesson's document without any widget: a spec is checked before it is accepted, mixture
// changes undo and redo, view options need no new chains, and a snapshot is a value.

#include "ui/lessons/mixture2d/mixture2ddocument.h"
#include "ui/modelstore.h"

#include <QSignalSpy>
#include <QUndoStack>

#include <gtest/gtest.h>

using ds::ui::Mixture2DDocument;

namespace {

const char* kTwoBlobs = "0.3:1,1:0.2;0.7:-1,0:0.5";
const char* kThreeClusters = "0.34:-2,-1.2:0.3;0.33:2,-1.2:0.3;0.33:0,2:0.3";

TEST(Mixture2DDocument, ABadSpecIsRefusedWithAReasonAndChangesNothing) {
  Mixture2DDocument doc(ds::GaussianMixture::parse(kTwoBlobs));
  QSignalSpy mixture(&doc, &Mixture2DDocument::mixtureChanged);
  QString error;
  EXPECT_FALSE(doc.setMixtureSpec(QStringLiteral("0.5:1,1;garbage"), &error));
  EXPECT_FALSE(error.isEmpty());
  EXPECT_FALSE(doc.setMixtureSpec(QStringLiteral("0.5:-2:0.4;0.5:2:0.4"), &error));
  EXPECT_TRUE(error.contains(QStringLiteral("2-D"))) << error.toStdString();
  EXPECT_EQ(mixture.count(), 0);
  EXPECT_FALSE(doc.undoStack()->canUndo());
  EXPECT_EQ(doc.editedMixture().toSpec(), ds::GaussianMixture::parse(kTwoBlobs).toSpec());
}

TEST(Mixture2DDocument, MixtureChangesUndoAndRedo) {
  Mixture2DDocument doc(ds::GaussianMixture::parse(kTwoBlobs));
  QSignalSpy chains(&doc, &Mixture2DDocument::chainsChanged);
  ASSERT_TRUE(doc.setMixtureSpec(QString::fromLatin1(kThreeClusters)));
  EXPECT_EQ(doc.mixture().size(), 3);
  EXPECT_TRUE(doc.setMixtureSpec(QString::fromLatin1(kThreeClusters)));  // the same: no new step
  EXPECT_EQ(doc.undoStack()->count(), 1);
  doc.undoStack()->undo();
  EXPECT_EQ(doc.mixture().size(), 2);
  doc.undoStack()->redo();
  EXPECT_EQ(doc.mixture().size(), 3);
  EXPECT_EQ(chains.count(), 3);
}

TEST(Mixture2DDocument, ViewOptionsAndTheProbeNeedNoNewChains) {
  Mixture2DDocument doc(ds::GaussianMixture::parse(kTwoBlobs));
  QSignalSpy chains(&doc, &Mixture2DDocument::chainsChanged);
  QSignalSpy view(&doc, &Mixture2DDocument::viewChanged);
  QSignalSpy probe(&doc, &Mixture2DDocument::probeChanged);
  doc.setShowField(false);
  doc.setFieldKind(ds::FieldKind::NegativeEps);
  doc.setShowPaths(false);
  doc.setShowPaths(false);
  EXPECT_EQ(view.count(), 3);
  EXPECT_FALSE(doc.hasXt());
  doc.setPosteriorXt(0.5, -0.5);
  EXPECT_TRUE(doc.hasXt());
  doc.setJump(30);
  EXPECT_EQ(probe.count(), 2);
  EXPECT_EQ(chains.count(), 0);

  ds::ui::Sampler2D ddim;
  ddim.ddim = true;
  ddim.ddimSteps = 2000;
  doc.setSampler(ddim);
  EXPECT_EQ(chains.count(), 1);
  doc.setSteps(100);
  EXPECT_EQ(doc.samplerLabel(), QStringLiteral("DDIM-100"));  // S is clamped to T
}

TEST(Mixture2DDocument, SnapshotIsAValueThatLaterEditsDoNotReach) {
  Mixture2DDocument doc(ds::GaussianMixture::parse(kTwoBlobs));
  doc.setPosteriorXt(1.0, 2.0);
  const ds::ui::Mixture2DSnapshot before = doc.snapshot();
  ASSERT_TRUE(doc.setMixtureSpec(QString::fromLatin1(kThreeClusters)));
  doc.setPosteriorXt(-1.0, 0.0);
  doc.setSeed(5);
  doc.setParticles(200);
  EXPECT_EQ(before.data.size(), 2);
  EXPECT_DOUBLE_EQ(before.x, 1.0);
  EXPECT_DOUBLE_EQ(before.y, 2.0);
  EXPECT_EQ(before.seed, 0u);
  EXPECT_EQ(before.particles, 1000);
  EXPECT_EQ(doc.snapshot().data.size(), 3);
  EXPECT_EQ(doc.snapshot().seed, 5u);
}

TEST(Mixture2DDocument, ALearnedModelReplacesDataAndScheduleWhileOn) {
  Mixture2DDocument doc(ds::GaussianMixture::parse(kTwoBlobs));
  auto model = std::make_shared<ds::ui::LearnedModel>();
  model->schedule.steps = 200;
  const auto trained = ds::GaussianMixture::parse(kThreeClusters);
  doc.setLearned(model, trained);
  EXPECT_TRUE(doc.isLocked());
  EXPECT_EQ(doc.snapshot().schedule.steps, 200);
  EXPECT_EQ(doc.snapshot().data.size(), 3);
  doc.setLearned(nullptr, {});
  EXPECT_EQ(doc.snapshot().schedule.steps, 1000);
  EXPECT_EQ(doc.snapshot().data.size(), 2);
}

}  // namespace
