// The Train lesson driven through its real controls: a short real training run, Pause/Resume/Stop,
// the spray brush with undo, checkpoints (round trip and corrupt files), the timeline and export.

#include "ui/jobrunner.h"
#include "ui/lessons/lessontrain.h"
#include "ui/lessons/traindrawing.h"
#include "ui/lessons/trainlossview.h"
#include "ui/lessons/trainplane.h"
#include "ui/modelstore.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>

#include <qcustomplot.h>

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

namespace {

using ds::ui::JobRunner;
using ds::ui::LessonTrain;
using Phase = ds::ui::LessonTrain::Phase;

bool waitFor(const std::function<bool()>& done, int msecs) {
  QElapsedTimer timer;
  timer.start();
  while (!done()) {
    if (timer.elapsed() > msecs) return false;
    QTest::qWait(10);
  }
  return true;
}

// Types a value into a spin box the way a user does: select all, type, Enter.
void typeInto(QAbstractSpinBox* box, const QString& text) {
  box->setFocus();
  box->selectAll();
  QTest::keyClicks(box, text);
  QTest::keyClick(box, Qt::Key_Return);
}

class TrainLessonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    lesson = new LessonTrain(&runner);
    lesson->setErrorDialogsEnabled(false);
    lesson->resize(1200, 760);
    lesson->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(lesson));
  }
  void TearDown() override {
    runner.cancel();
    runner.waitForIdle(30000);
    delete lesson;
  }

  // Two moons, a small network, `iters` steps.
  void configureSmall(int iters, int width = 32) {
    lesson->dataCombo()->setCurrentIndex(lesson->dataCombo()->findData(QStringLiteral("moons")));
    typeInto(lesson->widthSpin(), QString::number(width));
    typeInto(lesson->depthSpin(), QStringLiteral("2"));
    typeInto(lesson->iterationsSpin(), QString::number(iters));
    ASSERT_EQ(lesson->widthSpin()->value(), width);
    ASSERT_EQ(lesson->iterationsSpin()->value(), iters);
  }

  void trainToCompletion(int iters) {
    configureSmall(iters);
    QTest::mouseClick(lesson->trainButton(), Qt::LeftButton);
    ASSERT_TRUE(waitFor([&] { return lesson->phase() == Phase::Completed; }, 90000))
        << "phase " << static_cast<int>(lesson->phase()) << ", status: " << lesson->statusLabel()->text().toStdString();
    ASSERT_TRUE(runner.waitForIdle(30000));
    QApplication::processEvents();
  }

  JobRunner runner;
  LessonTrain* lesson = nullptr;
};

TEST_F(TrainLessonTest, ButtonsStartIdle) {
  EXPECT_EQ(lesson->id(), QStringLiteral("train"));
  EXPECT_EQ(lesson->phase(), Phase::Idle);
  EXPECT_TRUE(lesson->trainButton()->isEnabled());
  EXPECT_FALSE(lesson->pauseButton()->isEnabled());
  EXPECT_FALSE(lesson->resumeButton()->isEnabled());
  EXPECT_FALSE(lesson->stopButton()->isEnabled());
  EXPECT_FALSE(lesson->saveButton()->isEnabled());
  EXPECT_GT(lesson->dataPoints().size(), 1000u);  // the first toy is shown right away
  EXPECT_EQ(lesson->schedule().steps(), 1000);
  for (QWidget* w : std::initializer_list<QWidget*>{lesson->dataCombo(), lesson->widthSpin(), lesson->trainButton(),
                                                    lesson->pauseButton(), lesson->resumeButton(), lesson->stopButton(),
                                                    lesson->saveButton(), lesson->loadButton(), lesson->weightingCombo(),
                                                    lesson->learningRateSpin(), lesson->logScaleCheck()})
    EXPECT_FALSE(w->toolTip().isEmpty()) << w->metaObject()->className();
}

TEST_F(TrainLessonTest, ShortTrainingReducesLossAndDrawsSamples) {
  const quint64 generation = ds::ui::ModelStore::instance()->generation();
  configureSmall(400);
  QTest::mouseClick(lesson->trainButton(), Qt::LeftButton);
  EXPECT_EQ(lesson->phase(), Phase::Running);
  EXPECT_FALSE(lesson->trainButton()->isEnabled());
  EXPECT_TRUE(lesson->pauseButton()->isEnabled());
  EXPECT_TRUE(lesson->stopButton()->isEnabled());
  EXPECT_FALSE(lesson->widthSpin()->isEnabled());
  ASSERT_TRUE(waitFor([&] { return lesson->phase() == Phase::Completed; }, 90000));
  EXPECT_EQ(lesson->trainingStep(), 400);
  EXPECT_TRUE(lesson->trainButton()->isEnabled());
  EXPECT_TRUE(lesson->resumeButton()->isEnabled());
  EXPECT_FALSE(lesson->pauseButton()->isEnabled());
  EXPECT_TRUE(lesson->saveButton()->isEnabled());

  // The loss curve: many points, and it went down.
  QCPGraph* loss = lesson->lossView()->lossGraph();
  ASSERT_GE(loss->dataCount(), 20);
  double first = 0, last = 0;
  for (int i = 0; i < 5; ++i) {
    first += loss->data()->at(i)->value / 5;
    last += loss->data()->at(loss->dataCount() - 1 - i)->value / 5;
  }
  EXPECT_LT(last, 0.8 * first) << "first " << first << " last " << last;
  EXPECT_DOUBLE_EQ(loss->data()->at(loss->dataCount() - 1)->key, 400);
  EXPECT_GT(lesson->lossView()->bandGraphs().front()->dataCount(), 0);

  // Live samples over the data, a finite quality number, and the model in the store.
  EXPECT_EQ(lesson->samples().size(), 2000u);  // 1000 points (x, y)
  EXPECT_EQ(lesson->plane()->samplesCurve()->dataCount(), 1000);
  EXPECT_TRUE(std::isfinite(lesson->slicedW2()));
  EXPECT_GT(lesson->slicedW2(), 0);
  EXPECT_LT(lesson->slicedW2(), 1.0);  // N(0, I) noise would be far worse than this on moons
  EXPECT_TRUE(lesson->metricLabel()->text().contains(QStringLiteral("SW")));
  auto* store = ds::ui::ModelStore::instance();
  ASSERT_TRUE(store->hasModel());
  EXPECT_GT(store->generation(), generation);
  EXPECT_EQ(store->current()->dim, 2);
  EXPECT_EQ(store->current()->trainingSteps, 400);
  EXPECT_EQ(store->current()->dataName, QStringLiteral("moons"));

  // Log scale toggles through its check box.
  EXPECT_TRUE(lesson->lossView()->isLogScale());
  QTest::mouseClick(lesson->logScaleCheck(), Qt::LeftButton);
  EXPECT_FALSE(lesson->lossView()->isLogScale());
  EXPECT_EQ(lesson->lossView()->plot()->yAxis->scaleType(), QCPAxis::stLinear);
}

TEST_F(TrainLessonTest, PauseResumeAndStop) {
  configureSmall(200000, 16);
  QTest::mouseClick(lesson->trainButton(), Qt::LeftButton);
  ASSERT_TRUE(waitFor([&] { return lesson->trainingStep() >= 100; }, 60000));
  QTest::mouseClick(lesson->pauseButton(), Qt::LeftButton);
  ASSERT_TRUE(waitFor([&] { return lesson->phase() == Phase::Paused; }, 30000));
  const qint64 paused = lesson->trainingStep();
  EXPECT_GE(paused, 100);
  EXPECT_LT(paused, 200000);
  EXPECT_TRUE(lesson->resumeButton()->isEnabled());
  EXPECT_FALSE(lesson->pauseButton()->isEnabled());
  EXPECT_TRUE(lesson->stopButton()->isEnabled());
  EXPECT_FALSE(lesson->samples().empty());  // the paused model is shown
  QTest::qWait(300);
  EXPECT_EQ(lesson->trainingStep(), paused) << "training went on while paused";
  const int lossPoints = lesson->lossView()->lossGraph()->dataCount();

  QTest::mouseClick(lesson->resumeButton(), Qt::LeftButton);
  EXPECT_EQ(lesson->phase(), Phase::Running);
  ASSERT_TRUE(waitFor([&] { return lesson->trainingStep() >= paused + 100; }, 60000));
  // The step count continues (it did not restart at 0) and the curve grows on the same graph.
  EXPECT_GT(lesson->lossView()->lossGraph()->dataCount(), lossPoints);
  EXPECT_GT(lesson->lossView()->lossGraph()->data()->at(lossPoints)->key, static_cast<double>(paused));

  QTest::mouseClick(lesson->stopButton(), Qt::LeftButton);
  ASSERT_TRUE(waitFor([&] { return lesson->phase() == Phase::Stopped; }, 30000));
  EXPECT_FALSE(lesson->resumeButton()->isEnabled());
  EXPECT_FALSE(lesson->pauseButton()->isEnabled());
  EXPECT_FALSE(lesson->stopButton()->isEnabled());
  EXPECT_TRUE(lesson->trainButton()->isEnabled());
  EXPECT_TRUE(lesson->saveButton()->isEnabled());
  EXPECT_LT(lesson->trainingStep(), 200000);
  ASSERT_TRUE(runner.waitForIdle(30000));
}

TEST_F(TrainLessonTest, SprayBrushAddsPointsAndUndoRemovesAStroke) {
  ASSERT_TRUE(lesson->selectData(QStringLiteral("drawn")));
  EXPECT_EQ(lesson->drawing()->size(), 0);
  EXPECT_TRUE(lesson->dataPoints().empty());
  EXPECT_FALSE(lesson->trainButton()->isEnabled());  // nothing to train on
  EXPECT_TRUE(lesson->brushRadiusSpin()->isEnabled());
  typeInto(lesson->brushDensitySpin(), QStringLiteral("10"));
  QApplication::processEvents();
  lesson->plane()->plot()->replot();  // lay out the axes so pixel ↔ coordinate is exact

  QWidget* plot = lesson->plane()->plot();
  const QPoint a = lesson->plane()->pixelFor(-1, 0), b = lesson->plane()->pixelFor(0, 0.5),
               c = lesson->plane()->pixelFor(1, 0);
  QTest::mousePress(plot, Qt::LeftButton, {}, a);
  QTest::mouseMove(plot, b);
  QTest::mouseMove(plot, c);
  QTest::mouseRelease(plot, Qt::LeftButton, {}, c);
  const int stroke1 = lesson->drawing()->size();
  EXPECT_EQ(stroke1, 30);  // three dabs of 10
  EXPECT_EQ(lesson->dataPoints().size(), 60u);
  EXPECT_EQ(lesson->plane()->dataCurve()->dataCount(), 30);
  EXPECT_TRUE(lesson->trainButton()->isEnabled());
  // The dabs landed around the cursor (radius 0.3).
  const QPointF first = lesson->drawing()->points().front();
  EXPECT_LT(std::hypot(first.x() + 1, first.y()), 0.31);

  // A second stroke, then Ctrl+Z removes exactly that stroke in one step.
  QTest::mousePress(plot, Qt::LeftButton, {}, b);
  QTest::mouseMove(plot, c);
  QTest::mouseRelease(plot, Qt::LeftButton, {}, c);
  EXPECT_EQ(lesson->drawing()->size(), stroke1 + 20);
  EXPECT_EQ(lesson->drawing()->undoStack()->count(), 2);

  lesson->activateWindow();
  ASSERT_TRUE(QTest::qWaitForWindowActive(lesson));
  plot->setFocus();
  QTest::keyClick(plot, Qt::Key_Z, Qt::ControlModifier);
  EXPECT_EQ(lesson->drawing()->size(), stroke1);
  EXPECT_EQ(lesson->dataPoints().size(), static_cast<size_t>(2 * stroke1));
  QTest::keyClick(plot, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
  EXPECT_EQ(lesson->drawing()->size(), stroke1 + 20);

  // Clear is one undoable step too.
  QTest::mouseClick(lesson->clearButton(), Qt::LeftButton);
  EXPECT_EQ(lesson->drawing()->size(), 0);
  QTest::keyClick(plot, Qt::Key_Z, Qt::ControlModifier);
  EXPECT_EQ(lesson->drawing()->size(), stroke1 + 20);

  // With no brush (a toy data set), clicks on the plane add nothing.
  lesson->selectData(QStringLiteral("moons"));
  QTest::mouseClick(plot, Qt::LeftButton, {}, a);
  EXPECT_EQ(lesson->drawing()->size(), stroke1 + 20);
}

TEST_F(TrainLessonTest, TrainsOnDrawnPoints) {
  lesson->selectData(QStringLiteral("drawn"));
  for (int i = 0; i < 8; ++i) lesson->drawing()->spray(QPointF(2.0 + 0.1 * i, 1.0), 0.3, 10, i);
  ASSERT_EQ(lesson->drawing()->size(), 80);
  typeInto(lesson->widthSpin(), QStringLiteral("16"));
  typeInto(lesson->iterationsSpin(), QStringLiteral("100"));
  QTest::mouseClick(lesson->trainButton(), Qt::LeftButton);
  ASSERT_TRUE(waitFor([&] { return lesson->phase() == Phase::Completed; }, 60000));
  // Samples come back in the drawing's units (trained normalised): near the blob, not near 0.
  const auto& s = lesson->samples();
  ASSERT_FALSE(s.empty());
  double mx = 0;
  for (size_t i = 0; i < s.size(); i += 2) mx += s[i] / (s.size() / 2);
  EXPECT_GT(mx, 1.0);
  EXPECT_EQ(ds::ui::ModelStore::instance()->current()->dataSource, QStringLiteral("drawn"));
  EXPECT_FALSE(ds::ui::ModelStore::instance()->current()->shift.empty());
}

TEST_F(TrainLessonTest, CheckpointRoundTripAndResume) {
  trainToCompletion(200);
  const std::vector<float> before = lesson->samples();
  ASSERT_FALSE(before.empty());
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString path = dir.filePath(QStringLiteral("moons.ckpt"));
  ASSERT_TRUE(lesson->saveCheckpoint(path)) << lesson->lastError().toStdString();
  ASSERT_TRUE(QFile::exists(path));

  // Train something else, then load the file back.
  typeInto(lesson->widthSpin(), QStringLiteral("48"));
  QTest::mouseClick(lesson->trainButton(), Qt::LeftButton);
  ASSERT_TRUE(waitFor([&] { return lesson->phase() == Phase::Completed; }, 60000));
  ASSERT_TRUE(runner.waitForIdle(30000));
  EXPECT_EQ(lesson->widthSpin()->value(), 48);

  ASSERT_TRUE(lesson->loadCheckpoint(path)) << lesson->lastError().toStdString();
  EXPECT_EQ(lesson->phase(), Phase::Loaded);
  EXPECT_EQ(lesson->trainingStep(), 200);
  EXPECT_EQ(lesson->widthSpin()->value(), 32);  // the controls show the loaded architecture
  EXPECT_EQ(lesson->depthSpin()->value(), 2);
  EXPECT_EQ(lesson->dataCombo()->currentData().toString(), QStringLiteral("moons"));
  EXPECT_GE(lesson->lossView()->lossGraph()->dataCount(), 20);  // the saved loss curve
  ASSERT_TRUE(runner.waitForIdle(30000));
  QApplication::processEvents();
  // The same EMA weights and the same sampler seed draw the same samples.
  const std::vector<float> after = lesson->samples();
  ASSERT_EQ(after.size(), before.size());
  double maxDiff = 0;
  for (size_t i = 0; i < after.size(); ++i) maxDiff = std::max(maxDiff, static_cast<double>(std::abs(after[i] - before[i])));
  EXPECT_LT(maxDiff, 1e-4);
  EXPECT_EQ(ds::ui::ModelStore::instance()->current()->trainingSteps, 200);

  // The optimiser state came along: Resume continues from step 200.
  EXPECT_TRUE(lesson->resumeButton()->isEnabled());
  typeInto(lesson->iterationsSpin(), QStringLiteral("50"));
  QTest::mouseClick(lesson->resumeButton(), Qt::LeftButton);
  ASSERT_TRUE(waitFor([&] { return lesson->phase() == Phase::Completed; }, 60000));
  EXPECT_EQ(lesson->trainingStep(), 250);
}

TEST_F(TrainLessonTest, CorruptCheckpointIsReportedAndChangesNothing) {
  trainToCompletion(100);
  QTemporaryDir dir;
  const QString good = dir.filePath(QStringLiteral("good.ckpt"));
  ASSERT_TRUE(lesson->saveCheckpoint(good));
  QFile in(good);
  ASSERT_TRUE(in.open(QIODevice::ReadOnly));
  const QByteArray bytes = in.readAll();
  const QString truncated = dir.filePath(QStringLiteral("truncated.ckpt"));
  QFile out(truncated);
  ASSERT_TRUE(out.open(QIODevice::WriteOnly));
  out.write(bytes.left(bytes.size() / 2));
  out.close();
  const QString garbage = dir.filePath(QStringLiteral("garbage.ckpt"));
  QFile g(garbage);
  ASSERT_TRUE(g.open(QIODevice::WriteOnly));
  g.write("this is not a checkpoint at all");
  g.close();

  auto* store = ds::ui::ModelStore::instance();
  const quint64 generation = store->generation();
  const std::vector<float> samples = lesson->samples();
  const int width = lesson->widthSpin()->value();
  lesson->setErrorDialogsEnabled(true);
  for (const QString& bad : {truncated, garbage, dir.filePath(QStringLiteral("missing.ckpt"))}) {
    EXPECT_FALSE(lesson->loadCheckpoint(bad)) << bad.toStdString();
    EXPECT_FALSE(lesson->lastError().isEmpty());
    // A message box says so (non-blocking); close it like a user would.
    auto* box = lesson->findChild<QMessageBox*>();
    ASSERT_NE(box, nullptr);
    EXPECT_TRUE(box->text().contains(QStringLiteral("checkpoint"), Qt::CaseInsensitive)) << box->text().toStdString();
    box->close();
    QApplication::processEvents();
    QTest::qWait(1);
    delete lesson->findChild<QMessageBox*>();
    // Nothing else changed.
    EXPECT_EQ(lesson->phase(), Phase::Completed);
    EXPECT_EQ(lesson->trainingStep(), 100);
    EXPECT_EQ(lesson->samples(), samples);
    EXPECT_EQ(lesson->widthSpin()->value(), width);
    EXPECT_EQ(store->generation(), generation);
  }
  EXPECT_TRUE(lesson->resumeButton()->isEnabled());
}

TEST_F(TrainLessonTest, TimelineNoisesTheDataAndExportWritesSamples) {
  const auto x0 = lesson->dataPoints();
  ASSERT_FALSE(x0.empty());
  QCPCurve* data = lesson->plane()->dataCurve();
  const double firstX = data->data()->at(0)->key;
  EXPECT_DOUBLE_EQ(firstX, x0[0]);
  lesson->setTimestep(1000);
  EXPECT_EQ(lesson->timestep(), 1000);
  // At t = T the data is ≈ N(0, I): the sample variance of x is about 1, and the points moved.
  double var = 0;
  for (int i = 0; i < data->dataCount(); ++i) var += std::pow(data->data()->at(i)->key, 2) / data->dataCount();
  EXPECT_NEAR(var, 1.0, 0.15);
  EXPECT_NE(data->data()->at(0)->key, firstX);
  lesson->setTimestep(0);
  EXPECT_DOUBLE_EQ(data->data()->at(0)->key, firstX);

  QTemporaryDir dir;
  QString error;
  EXPECT_FALSE(lesson->exportParticlesCsv(dir.filePath(QStringLiteral("none.csv")), &error));
  EXPECT_FALSE(error.isEmpty());
  trainToCompletion(50);
  const QString csv = dir.filePath(QStringLiteral("samples.csv"));
  ASSERT_TRUE(lesson->exportParticlesCsv(csv, &error)) << error.toStdString();
  QFile f(csv);
  ASSERT_TRUE(f.open(QIODevice::ReadOnly | QIODevice::Text));
  const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  EXPECT_EQ(lines.front().trimmed(), QStringLiteral("x,y"));
  EXPECT_EQ(lines.size(), 1001);
  // And it loads back as a point set to train on.
  ASSERT_TRUE(lesson->loadPointsCsv(csv)) << lesson->lastError().toStdString();
  EXPECT_EQ(lesson->dataCombo()->currentData().toString(), QStringLiteral("csv"));
  EXPECT_EQ(lesson->dataPoints().size(), 2000u);
}

TEST_F(TrainLessonTest, BadCsvIsReported) {
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("bad.csv"));
  QFile f(path);
  ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  f.write("x,y\n1,2\n3,oops\n");
  f.close();
  const auto before = lesson->dataPoints();
  EXPECT_FALSE(lesson->loadPointsCsv(path));
  EXPECT_TRUE(lesson->lastError().contains(QStringLiteral("oops")) || lesson->lastError().contains(QStringLiteral("3")))
      << lesson->lastError().toStdString();
  EXPECT_EQ(lesson->dataPoints(), before);
}

TEST_F(TrainLessonTest, PresentationModeEnlargesPlotFonts) {
  QCustomPlot* plot = lesson->lossView()->plot();
  const int normal = plot->xAxis->labelFont().pointSize();
  lesson->setPresentationMode(true);
  EXPECT_GT(plot->xAxis->labelFont().pointSize(), normal);
  EXPECT_GT(lesson->plane()->plot()->xAxis->labelFont().pointSize(), normal);
  lesson->setPresentationMode(false);
  EXPECT_EQ(plot->xAxis->labelFont().pointSize(), normal);
}

}  // namespace

// The application gives training a worker of its own: another lesson recomputing on the shared
// runner (which supersedes its running job) must not stop a training run.
TEST(TrainLessonRunners, OtherLessonsJobsDoNotStopTraining) {
  JobRunner shared;
  QWidget parent;
  const std::vector<ds::ui::Lesson*> lessons = ds::ui::createLessons(&shared, &parent);
  LessonTrain* lesson = nullptr;
  for (ds::ui::Lesson* l : lessons)
    if (auto* t = qobject_cast<LessonTrain*>(l)) lesson = t;
  ASSERT_NE(lesson, nullptr);
  ASSERT_NE(lesson->trainingRunner(), nullptr);
  EXPECT_NE(lesson->trainingRunner(), &shared);
  ASSERT_TRUE(shared.waitForIdle(180000));  // the 1-D/2-D lessons' first chains

  lesson->setErrorDialogsEnabled(false);
  lesson->dataCombo()->setCurrentIndex(lesson->dataCombo()->findData(QStringLiteral("moons")));
  lesson->widthSpin()->setValue(32);
  lesson->depthSpin()->setValue(2);
  lesson->iterationsSpin()->setValue(3000);
  QSignalSpy background(lesson, &ds::ui::Lesson::backgroundStatus);
  QTest::mouseClick(lesson->trainButton(), Qt::LeftButton);
  ASSERT_EQ(lesson->phase(), Phase::Running);
  ASSERT_TRUE(waitFor([&] { return lesson->trainingStep() > 0; }, 60000));

  // Another lesson's job, as a parameter edit in the 2-D lesson would submit.
  bool ran = false;
  shared.submit(QStringLiteral("other lesson"), [](const ds::ProgressFn&, const ds::CancelToken&) -> std::any { return 1; },
                [&](std::any&) { ran = true; });
  ASSERT_TRUE(shared.waitForIdle(30000));
  EXPECT_TRUE(ran);
  EXPECT_EQ(lesson->phase(), Phase::Running);
  ASSERT_TRUE(waitFor([&] { return lesson->phase() != Phase::Running; }, 120000));
  EXPECT_EQ(lesson->phase(), Phase::Completed);
  EXPECT_EQ(lesson->trainingStep(), 3000);
  lesson->trainingRunner()->waitForIdle(30000);
  // The status bar line (for whichever lesson is on screen) followed the run and was cleared.
  ASSERT_GE(background.count(), 2);
  EXPECT_TRUE(background.first().at(0).toString().startsWith(QStringLiteral("Training: step")));
  EXPECT_TRUE(background.last().at(0).toString().isEmpty());
}
