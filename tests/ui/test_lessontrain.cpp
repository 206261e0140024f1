// The Train lesson driven through its real controls (found by objectName): a short real training
// run, Pause/Resume/Stop, the spray brush with undo, checkpoints (round trip and corrupt files),
// the timeline and export, and a particle CSV exported by the 2-D lesson trained on here.

#include "ui/computecontext.h"
#include "ui/jobtracker.h"
#include "ui/lessons/mixture2d/lesson2d.h"
#include "ui/lessons/train/lessontrain.h"
#include "ui/lessons/train/traindocument.h"
#include "ui/lessons/train/traindrawing.h"
#include "ui/lessons/train/trainlossview.h"
#include "ui/lessons/train/trainplane.h"
#include "ui/modelstore.h"

#include "core/data/pointset.h"
#include "core/models/checkpoint.h"
#include "core/training/resume.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <qcustomplot.h>

#include <gtest/gtest.h>

#include <cmath>
#include <functional>

namespace {

using ds::ui::LessonTrain;
using ds::ui::TrainDocument;
using ds::ui::TrainOutcome;
using ds::ui::TrainState;

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
    lesson = new LessonTrain(&context);
    lesson->setErrorDialogsEnabled(false);
    QObject::connect(lesson, &LessonTrain::errorShown, [this](const QString& m) { lastError = m; });
    lesson->resize(1200, 760);
    lesson->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(lesson));
  }
  void TearDown() override { delete lesson; }

  template <class T>
  T* child(const char* name) const {
    T* w = lesson->findChild<T*>(QString::fromLatin1(name));
    EXPECT_NE(w, nullptr) << name;
    return w;
  }
  QPushButton* button(const char* name) const { return child<QPushButton>(name); }
  QSpinBox* spin(const char* name) const { return child<QSpinBox>(name); }
  QComboBox* combo(const char* name) const { return child<QComboBox>(name); }
  ds::ui::TrainPlane* plane() const { return child<ds::ui::TrainPlane>("trainPlane"); }
  ds::ui::TrainLossView* lossView() const { return child<ds::ui::TrainLossView>("trainLossView"); }
  TrainDocument* doc() const { return lesson->document(); }

  bool ended(TrainOutcome outcome) const { return lesson->state() == TrainState::Idle && lesson->outcome() == outcome; }
  bool idleJobs() const { return lesson->jobTracker()->waitForIdle(30000); }

  // The live samples as the lesson exports them (data units, interleaved).
  std::vector<float> samples() const {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.csv"));
    QString error;
    if (!lesson->exportParticlesCsv(path, &error)) return {};
    return ds::toInterleaved(ds::readPointsCsv(path.toStdString()).points);
  }
  // The number the metric label shows (sliced W₂ of the samples to the data).
  double slicedW2() const {
    const auto m = QRegularExpression(QStringLiteral("<b>([^<]+)</b>")).match(child<QLabel>("metric")->text());
    return m.hasMatch() ? m.captured(1).toDouble() : std::nan("");
  }

  // Two moons, a small network, `iters` steps.
  void configureSmall(int iters, int width = 32) {
    QComboBox* data = combo("dataCombo");
    data->setCurrentIndex(data->findData(QStringLiteral("moons")));
    typeInto(spin("width"), QString::number(width));
    typeInto(spin("depth"), QStringLiteral("2"));
    typeInto(spin("iterations"), QString::number(iters));
    ASSERT_EQ(doc()->hidden(), width);
    ASSERT_EQ(doc()->iterations(), iters);
  }

  void trainToCompletion(int iters) {
    configureSmall(iters);
    QTest::mouseClick(button("train"), Qt::LeftButton);
    ASSERT_TRUE(waitFor([&] { return ended(TrainOutcome::Completed); }, 90000))
        << "state " << static_cast<int>(lesson->state())
        << ", status: " << child<QLabel>("status")->text().toStdString();
    ASSERT_TRUE(idleJobs());
    QApplication::processEvents();
  }

  ds::ui::ComputeContext context;
  LessonTrain* lesson = nullptr;
  QString lastError;
};

TEST_F(TrainLessonTest, ButtonsStartIdle) {
  EXPECT_EQ(lesson->id(), QStringLiteral("train"));
  EXPECT_EQ(lesson->state(), TrainState::Idle);
  EXPECT_TRUE(button("train")->isEnabled());
  EXPECT_FALSE(button("pause")->isEnabled());
  EXPECT_FALSE(button("resume")->isEnabled());
  EXPECT_FALSE(button("stop")->isEnabled());
  EXPECT_FALSE(button("saveCheckpoint")->isEnabled());
  EXPECT_GT(doc()->data().size(), 1000u);  // the first toy is shown right away
  EXPECT_EQ(plane()->dataCurve()->dataCount(), doc()->pointCount());
  EXPECT_EQ(lesson->schedule().steps(), 1000);
  for (const char* name : {"dataCombo", "width", "train", "pause", "resume", "stop", "saveCheckpoint", "loadCheckpoint",
                           "weighting", "learningRate", "logScale"}) {
    QWidget* w = child<QWidget>(name);
    ASSERT_NE(w, nullptr);
    EXPECT_FALSE(w->toolTip().isEmpty()) << name;
  }
}

TEST_F(TrainLessonTest, ControlsEditTheDocument) {
  QComboBox* kind = combo("scheduleKind");
  kind->setCurrentIndex(kind->findText(QStringLiteral("cosine")));
  EXPECT_EQ(doc()->schedule().kind, ds::ScheduleKind::Cosine);
  QSignalSpy schedule(lesson, &ds::ui::Lesson::scheduleChanged);
  typeInto(spin("scheduleSteps"), QStringLiteral("250"));
  EXPECT_EQ(doc()->schedule().steps, 250);
  EXPECT_EQ(lesson->schedule().steps(), 250);
  EXPECT_GE(schedule.count(), 1);
  typeInto(spin("seed"), QStringLiteral("7"));
  EXPECT_EQ(doc()->seed(), 7u);
  combo("weighting")->setCurrentIndex(1);
  EXPECT_TRUE(doc()->vlbWeighting());
  // And the other way: a document edit shows in the controls.
  doc()->setHidden(40);
  EXPECT_EQ(spin("width")->value(), 40);
}

TEST_F(TrainLessonTest, ShortTrainingReducesLossAndDrawsSamples) {
  const quint64 generation = ds::ui::ModelStore::instance()->generation();
  configureSmall(400);
  QTest::mouseClick(button("train"), Qt::LeftButton);
  EXPECT_EQ(lesson->state(), TrainState::Running);
  EXPECT_FALSE(button("train")->isEnabled());
  EXPECT_TRUE(button("pause")->isEnabled());
  EXPECT_TRUE(button("stop")->isEnabled());
  EXPECT_FALSE(spin("width")->isEnabled());
  ASSERT_TRUE(waitFor([&] { return ended(TrainOutcome::Completed); }, 90000));
  EXPECT_EQ(lesson->trainingStep(), 400);
  EXPECT_TRUE(button("train")->isEnabled());
  EXPECT_TRUE(button("resume")->isEnabled());
  EXPECT_FALSE(button("pause")->isEnabled());
  EXPECT_TRUE(button("saveCheckpoint")->isEnabled());

  // The loss curve: many points, and it went down.
  QCPGraph* loss = lossView()->lossGraph();
  ASSERT_GE(loss->dataCount(), 20);
  double first = 0, last = 0;
  for (int i = 0; i < 5; ++i) {
    first += loss->data()->at(i)->value / 5;
    last += loss->data()->at(loss->dataCount() - 1 - i)->value / 5;
  }
  EXPECT_LT(last, 0.8 * first) << "first " << first << " last " << last;
  EXPECT_DOUBLE_EQ(loss->data()->at(loss->dataCount() - 1)->key, 400);
  EXPECT_GT(lossView()->bandGraphs().front()->dataCount(), 0);

  // Live samples over the data, a finite quality number, and the model in the store.
  EXPECT_EQ(samples().size(), 2000u);  // 1000 points (x, y)
  EXPECT_EQ(plane()->samplesCurve()->dataCount(), 1000);
  const double w2 = slicedW2();
  EXPECT_TRUE(std::isfinite(w2));
  EXPECT_GT(w2, 0);
  EXPECT_LT(w2, 1.0);  // N(0, I) noise would be far worse than this on moons
  auto* store = ds::ui::ModelStore::instance();
  ASSERT_TRUE(store->hasModel());
  EXPECT_GT(store->generation(), generation);
  EXPECT_EQ(store->current()->dim, 2);
  EXPECT_EQ(store->current()->trainingSteps, 400);
  EXPECT_EQ(store->current()->dataName, QStringLiteral("moons"));

  // Log scale toggles through its check box.
  EXPECT_TRUE(lossView()->isLogScale());
  QTest::mouseClick(child<QCheckBox>("logScale"), Qt::LeftButton);
  EXPECT_FALSE(lossView()->isLogScale());
  EXPECT_EQ(lossView()->plot()->yAxis->scaleType(), QCPAxis::stLinear);
}

TEST_F(TrainLessonTest, PauseResumeAndStop) {
  configureSmall(200000, 16);
  QSignalSpy states(lesson, &LessonTrain::stateChanged);
  QTest::mouseClick(button("train"), Qt::LeftButton);
  ASSERT_TRUE(waitFor([&] { return lesson->trainingStep() >= 100; }, 60000));
  QTest::mouseClick(button("pause"), Qt::LeftButton);
  EXPECT_EQ(lesson->state(), TrainState::Pausing);
  EXPECT_FALSE(button("pause")->isEnabled());
  ASSERT_TRUE(waitFor([&] { return lesson->state() == TrainState::Paused; }, 30000));
  const qint64 paused = lesson->trainingStep();
  EXPECT_GE(paused, 100);
  EXPECT_LT(paused, 200000);
  EXPECT_TRUE(button("resume")->isEnabled());
  EXPECT_FALSE(button("pause")->isEnabled());
  EXPECT_TRUE(button("stop")->isEnabled());
  EXPECT_FALSE(samples().empty());               // the paused model is shown
  EXPECT_FALSE(lesson->jobTracker()->isBusy());  // nothing runs while paused
  QApplication::processEvents();
  EXPECT_EQ(lesson->trainingStep(), paused);
  const int lossPoints = lossView()->lossGraph()->dataCount();

  QTest::mouseClick(button("resume"), Qt::LeftButton);
  EXPECT_EQ(lesson->state(), TrainState::Running);
  ASSERT_TRUE(waitFor([&] { return lesson->trainingStep() >= paused + 100; }, 60000));
  // The step count continues (it did not restart at 0) and the curve grows on the same graph.
  EXPECT_GT(lossView()->lossGraph()->dataCount(), lossPoints);
  EXPECT_GT(lossView()->lossGraph()->data()->at(lossPoints)->key, static_cast<double>(paused));

  QTest::mouseClick(button("stop"), Qt::LeftButton);
  EXPECT_EQ(lesson->state(), TrainState::Stopping);
  ASSERT_TRUE(waitFor([&] { return ended(TrainOutcome::Stopped); }, 30000));
  EXPECT_FALSE(button("resume")->isEnabled());
  EXPECT_FALSE(button("pause")->isEnabled());
  EXPECT_FALSE(button("stop")->isEnabled());
  EXPECT_TRUE(button("train")->isEnabled());
  EXPECT_TRUE(button("saveCheckpoint")->isEnabled());
  EXPECT_LT(lesson->trainingStep(), 200000);
  EXPECT_GE(states.count(), 5);  // running, pausing, paused, running, stopping, stopped
  ASSERT_TRUE(idleJobs());
}

TEST_F(TrainLessonTest, SprayBrushAddsPointsAndUndoRemovesAStroke) {
  ds::ui::TrainDrawing* drawing = doc()->drawing();
  ASSERT_TRUE(lesson->selectData(QStringLiteral("drawn")));
  EXPECT_EQ(combo("dataCombo")->currentData().toString(), TrainDocument::kDrawn);
  EXPECT_EQ(drawing->size(), 0);
  EXPECT_TRUE(doc()->data().empty());
  EXPECT_FALSE(button("train")->isEnabled());  // nothing to train on
  EXPECT_TRUE(child<QDoubleSpinBox>("brushRadius")->isEnabled());
  typeInto(spin("brushDensity"), QStringLiteral("10"));
  EXPECT_EQ(doc()->brushDensity(), 10);
  QApplication::processEvents();
  plane()->plot()->replot();  // lay out the axes so pixel ↔ coordinate is exact

  QWidget* plot = plane()->plot();
  const QPoint a = plane()->pixelFor(-1, 0), b = plane()->pixelFor(0, 0.5), c = plane()->pixelFor(1, 0);
  QTest::mousePress(plot, Qt::LeftButton, {}, a);
  QTest::mouseMove(plot, b);
  QTest::mouseMove(plot, c);
  QTest::mouseRelease(plot, Qt::LeftButton, {}, c);
  const int stroke1 = drawing->size();
  EXPECT_EQ(stroke1, 30);  // three dabs of 10
  EXPECT_EQ(doc()->data().size(), 60u);
  EXPECT_EQ(plane()->dataCurve()->dataCount(), 30);
  EXPECT_TRUE(button("train")->isEnabled());
  // The dabs landed around the cursor (radius 0.3).
  const QPointF first = drawing->points().front();
  EXPECT_LT(std::hypot(first.x() + 1, first.y()), 0.31);

  // A second stroke, then Ctrl+Z removes exactly that stroke in one step.
  QTest::mousePress(plot, Qt::LeftButton, {}, b);
  QTest::mouseMove(plot, c);
  QTest::mouseRelease(plot, Qt::LeftButton, {}, c);
  EXPECT_EQ(drawing->size(), stroke1 + 20);
  EXPECT_EQ(drawing->undoStack()->count(), 2);

  lesson->activateWindow();
  ASSERT_TRUE(QTest::qWaitForWindowActive(lesson));
  plot->setFocus();
  QTest::keyClick(plot, Qt::Key_Z, Qt::ControlModifier);
  EXPECT_EQ(drawing->size(), stroke1);
  EXPECT_EQ(doc()->data().size(), static_cast<size_t>(2 * stroke1));
  QTest::keyClick(plot, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
  EXPECT_EQ(drawing->size(), stroke1 + 20);
  // Each redo key once (on X11 the platform's Redo is Ctrl+Shift+Z too; twice was ambiguous).
  const QList<QKeySequence> redoKeys = lesson->findChild<QAction*>(QStringLiteral("redoDrawing"))->shortcuts();
  EXPECT_TRUE(redoKeys.contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)));
  for (const QKeySequence& key : redoKeys) EXPECT_EQ(redoKeys.count(key), 1) << key.toString().toStdString();

  // Clear is one undoable step too.
  QTest::mouseClick(button("clearDrawing"), Qt::LeftButton);
  EXPECT_EQ(drawing->size(), 0);
  QTest::keyClick(plot, Qt::Key_Z, Qt::ControlModifier);
  EXPECT_EQ(drawing->size(), stroke1 + 20);

  // With no brush (a toy data set), clicks on the plane add nothing.
  lesson->selectData(QStringLiteral("moons"));
  QTest::mouseClick(plot, Qt::LeftButton, {}, a);
  EXPECT_EQ(drawing->size(), stroke1 + 20);
}

TEST_F(TrainLessonTest, TrainsOnDrawnPoints) {
  lesson->selectData(QStringLiteral("drawn"));
  for (int i = 0; i < 8; ++i) doc()->drawing()->spray(QPointF(2.0 + 0.1 * i, 1.0), 0.3, 10, i);
  ASSERT_EQ(doc()->drawing()->size(), 80);
  typeInto(spin("width"), QStringLiteral("16"));
  typeInto(spin("iterations"), QStringLiteral("100"));
  QTest::mouseClick(button("train"), Qt::LeftButton);
  ASSERT_TRUE(waitFor([&] { return ended(TrainOutcome::Completed); }, 60000));
  // Samples come back in the drawing's units (trained normalised): near the blob, not near 0.
  const auto s = samples();
  ASSERT_FALSE(s.empty());
  double mx = 0;
  for (size_t i = 0; i < s.size(); i += 2) mx += s[i] / (s.size() / 2);
  EXPECT_GT(mx, 1.0);
  EXPECT_EQ(ds::ui::ModelStore::instance()->current()->dataSource, QStringLiteral("drawn"));
  EXPECT_FALSE(ds::ui::ModelStore::instance()->current()->shift.empty());
}

TEST_F(TrainLessonTest, CheckpointRoundTripAndResume) {
  trainToCompletion(200);
  const std::vector<float> before = samples();
  ASSERT_FALSE(before.empty());
  QTemporaryDir dir;
  ASSERT_TRUE(dir.isValid());
  const QString path = dir.filePath(QStringLiteral("moons.ckpt"));
  ASSERT_TRUE(lesson->saveCheckpoint(path)) << lastError.toStdString();
  ASSERT_TRUE(QFile::exists(path));
  // One resume path: what `diffusion-cli train --resume` rebuilds from this file (core's
  // rebuildTrainingData) is exactly the data this lesson trained on.
  const ds::Checkpoint ck = ds::loadCheckpoint(path.toStdString());
  EXPECT_EQ(ck.meta.data.source, "toy");
  EXPECT_EQ(ds::toInterleaved(ds::rebuildTrainingData(ck.meta).data), doc()->data());

  // Train something else, then load the file back.
  typeInto(spin("width"), QStringLiteral("48"));
  QTest::mouseClick(button("train"), Qt::LeftButton);
  ASSERT_TRUE(waitFor([&] { return ended(TrainOutcome::Completed); }, 60000));
  ASSERT_TRUE(idleJobs());
  EXPECT_EQ(spin("width")->value(), 48);

  ASSERT_TRUE(lesson->loadCheckpoint(path)) << lastError.toStdString();
  EXPECT_TRUE(ended(TrainOutcome::Loaded));
  EXPECT_EQ(lesson->trainingStep(), 200);
  EXPECT_EQ(spin("width")->value(), 32);  // the controls show the loaded architecture
  EXPECT_EQ(spin("depth")->value(), 2);
  EXPECT_EQ(combo("dataCombo")->currentData().toString(), QStringLiteral("moons"));
  EXPECT_GE(lossView()->lossGraph()->dataCount(), 20);  // the saved loss curve
  ASSERT_TRUE(idleJobs());
  QApplication::processEvents();
  // The same EMA weights and the same sampler seed draw the same samples.
  const std::vector<float> after = samples();
  ASSERT_EQ(after.size(), before.size());
  double maxDiff = 0;
  for (size_t i = 0; i < after.size(); ++i)
    maxDiff = std::max(maxDiff, static_cast<double>(std::abs(after[i] - before[i])));
  EXPECT_LT(maxDiff, 1e-4);
  EXPECT_EQ(ds::ui::ModelStore::instance()->current()->trainingSteps, 200);

  // The optimiser state came along: Resume continues from step 200.
  EXPECT_TRUE(button("resume")->isEnabled());
  typeInto(spin("iterations"), QStringLiteral("50"));
  QTest::mouseClick(button("resume"), Qt::LeftButton);
  ASSERT_TRUE(waitFor([&] { return ended(TrainOutcome::Completed); }, 60000));
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
  const std::vector<float> before = samples();
  const int width = spin("width")->value();
  lesson->setErrorDialogsEnabled(true);
  for (const QString& bad : {truncated, garbage, dir.filePath(QStringLiteral("missing.ckpt"))}) {
    lastError.clear();
    EXPECT_FALSE(lesson->loadCheckpoint(bad)) << bad.toStdString();
    EXPECT_FALSE(lastError.isEmpty());
    // A message box says so (non-blocking); close it like a user would.
    auto* box = lesson->findChild<QMessageBox*>();
    ASSERT_NE(box, nullptr);
    EXPECT_TRUE(box->text().contains(QStringLiteral("checkpoint"), Qt::CaseInsensitive)) << box->text().toStdString();
    box->close();
    QApplication::processEvents();
    QTest::qWait(1);
    delete lesson->findChild<QMessageBox*>();
    // Nothing else changed.
    EXPECT_TRUE(ended(TrainOutcome::Completed));
    EXPECT_EQ(lesson->trainingStep(), 100);
    EXPECT_EQ(samples(), before);
    EXPECT_EQ(spin("width")->value(), width);
    EXPECT_EQ(store->generation(), generation);
  }
  EXPECT_TRUE(button("resume")->isEnabled());
}

TEST_F(TrainLessonTest, TimelineNoisesTheDataAndExportWritesSamples) {
  const auto x0 = doc()->data();
  ASSERT_FALSE(x0.empty());
  QCPCurve* data = plane()->dataCurve();
  const double firstX = data->data()->at(0)->key;
  EXPECT_DOUBLE_EQ(firstX, x0[0]);
  lesson->setTimestep(1000);
  EXPECT_EQ(lesson->timestep(), 1000);
  // The frames are a job's result: once it is in, x_T is ≈ N(0, I) (variance about 1) and moved.
  ASSERT_TRUE(waitFor([&] { return data->data()->at(0)->key != firstX; }, 30000));
  double var = 0;
  for (int i = 0; i < data->dataCount(); ++i) var += std::pow(data->data()->at(i)->key, 2) / data->dataCount();
  EXPECT_NEAR(var, 1.0, 0.15);
  lesson->setTimestep(0);
  EXPECT_DOUBLE_EQ(data->data()->at(0)->key, firstX);
  // Scrubbing back and forth shows the same frame each time (fixed noise).
  lesson->setTimestep(500);
  const double mid = data->data()->at(0)->key;
  lesson->setTimestep(20);
  lesson->setTimestep(500);
  EXPECT_DOUBLE_EQ(data->data()->at(0)->key, mid);
  lesson->setTimestep(0);

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
  ASSERT_TRUE(lesson->loadPointsCsv(csv)) << lastError.toStdString();
  EXPECT_EQ(combo("dataCombo")->currentData().toString(), QStringLiteral("csv"));
  EXPECT_EQ(doc()->data().size(), 2000u);
}

TEST_F(TrainLessonTest, OldLessonExportsAndBadCsv) {
  QTemporaryDir dir;
  // The 1-D/2-D lessons once wrote "i,x,y": such files load too (the index column is dropped).
  const QString old = dir.filePath(QStringLiteral("old.csv"));
  QFile o(old);
  ASSERT_TRUE(o.open(QIODevice::WriteOnly));
  o.write("i,x,y\n0,1.5,2\n1,-1,0.5\n2,0,0\n");
  o.close();
  ASSERT_TRUE(lesson->loadPointsCsv(old)) << lastError.toStdString();
  EXPECT_EQ(doc()->data(), (std::vector<float>{1.5f, 2.f, -1.f, 0.5f, 0.f, 0.f}));

  const QString path = dir.filePath(QStringLiteral("bad.csv"));
  QFile f(path);
  ASSERT_TRUE(f.open(QIODevice::WriteOnly));
  f.write("x,y\n1,2\n3,oops\n");
  f.close();
  const auto before = doc()->data();
  EXPECT_FALSE(lesson->loadPointsCsv(path));
  EXPECT_TRUE(lastError.contains(QStringLiteral("oops"))) << lastError.toStdString();
  EXPECT_EQ(doc()->data(), before);
}

TEST_F(TrainLessonTest, PresentationModeEnlargesPlotFonts) {
  QCustomPlot* plot = lossView()->plot();
  const int normal = plot->xAxis->labelFont().pointSize();
  lesson->setPresentationMode(true);
  EXPECT_GT(plot->xAxis->labelFont().pointSize(), normal);
  EXPECT_GT(plane()->plot()->xAxis->labelFont().pointSize(), normal);
  lesson->setPresentationMode(false);
  EXPECT_EQ(plot->xAxis->labelFont().pointSize(), normal);
}

ds::ui::Lesson* lessonById(const std::vector<ds::ui::Lesson*>& lessons, const QString& id) {
  for (ds::ui::Lesson* l : lessons)
    if (l->id() == id) return l;
  return nullptr;
}

}  // namespace

// Each lesson has its own tracker: another lesson's new job must not stop a training run, and the
// status bar line follows the run from every lesson.
TEST(TrainLessonJobs, OtherLessonsJobsDoNotStopTraining) {
  ds::ui::ComputeContext context;
  QWidget parent;
  const std::vector<ds::ui::Lesson*> lessons = ds::ui::createLessons(&context, &parent);
  auto* lesson = qobject_cast<LessonTrain*>(lessonById(lessons, QStringLiteral("train")));
  ds::ui::Lesson* other = lessonById(lessons, QStringLiteral("2d"));
  ASSERT_NE(lesson, nullptr);
  ASSERT_NE(other, nullptr);
  ASSERT_NE(lesson->jobTracker(), other->jobTracker());
  ASSERT_TRUE(other->jobTracker()->waitForIdle(180000));  // the 2-D lesson's first chains

  lesson->setErrorDialogsEnabled(false);
  lesson->selectData(QStringLiteral("moons"));
  lesson->document()->setHidden(32);
  lesson->document()->setLayers(2);
  lesson->document()->setIterations(3000);
  QSignalSpy background(lesson, &ds::ui::Lesson::backgroundStatus);
  lesson->train();
  ASSERT_EQ(lesson->state(), TrainState::Running);
  ASSERT_TRUE(waitFor([&] { return lesson->trainingStep() > 0; }, 60000));

  // Another lesson's job, as a parameter edit in the 2-D lesson would submit.
  bool ran = false;
  other->jobTracker()->submit<int>(
      QStringLiteral("other lesson"), [](const ds::ProgressFn&, const ds::CancelToken&) { return 1; },
      [&](std::shared_ptr<const int>) { ran = true; });
  ASSERT_TRUE(other->jobTracker()->waitForIdle(30000));
  EXPECT_TRUE(ran);
  EXPECT_EQ(lesson->state(), TrainState::Running);
  ASSERT_TRUE(waitFor([&] { return lesson->state() != TrainState::Running; }, 120000));
  EXPECT_EQ(lesson->outcome(), TrainOutcome::Completed);
  EXPECT_EQ(lesson->trainingStep(), 3000);
  lesson->jobTracker()->waitForIdle(30000);
  ASSERT_GE(background.count(), 2);
  EXPECT_TRUE(background.first().at(0).toString().startsWith(QStringLiteral("Training: step")));
  EXPECT_TRUE(background.last().at(0).toString().isEmpty());
}

// Issue 8's regression: particles exported by the 2-D lesson are a point set the Train lesson
// (and diffusion-cli train --points, which reads them with the same ds::readPointsCsv) trains on.
TEST(TrainLessonImport, ParticlesExportedByThe2DLessonTrainHere) {
  ds::ui::ComputeContext context;
  ds::ui::Lesson2D twoD(&context);  // computes its chains once it is shown, as in the main window
  twoD.resize(1100, 650);
  twoD.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&twoD));
  LessonTrain lesson(&context);
  lesson.setErrorDialogsEnabled(false);
  QTemporaryDir dir;
  const QString path = dir.filePath(QStringLiteral("particles2d.csv"));
  QString error;
  ASSERT_TRUE(waitFor([&] { return twoD.exportParticlesCsv(path, &error); }, 180000)) << error.toStdString();
  const ds::PointSet set = ds::readPointsCsv(path.toStdString());
  EXPECT_EQ(set.dim(), 2);
  ASSERT_GE(set.size(), ds::ui::TrainDocument::kMinPoints);

  ASSERT_TRUE(lesson.loadPointsCsv(path));
  EXPECT_EQ(lesson.document()->dataKey(), TrainDocument::kCsv);
  EXPECT_EQ(lesson.document()->pointCount(), set.size());
  EXPECT_EQ(lesson.document()->data(), ds::toInterleaved(set.points));
  lesson.document()->setHidden(16);
  lesson.document()->setIterations(20);
  lesson.train();
  ASSERT_EQ(lesson.state(), TrainState::Running);
  ASSERT_TRUE(waitFor([&] { return lesson.state() == TrainState::Idle; }, 60000));
  EXPECT_EQ(lesson.outcome(), TrainOutcome::Completed);
  EXPECT_EQ(lesson.trainingStep(), 20);
}

// A loss that falls by less than a decade (ε-MSE from 1.2 to 0.35) on the log axis: QCP's linear
// ticks for such a range crowded at the top ("1", "1.25", "1.5" drew over each other); the tick
// labels now stay at least a text line apart.
TEST(TrainLossViewTicks, LogTickLabelsOverLessThanADecadeDoNotCrowd) {
  ds::ui::TrainLossView view;
  ds::ui::PlotStyle style;
  style.presentation = true;  // 12 pt tick labels, as on a projector
  style.fontScale = 1.0;
  view.setStyle(style);
  view.resize(260, 300);
  view.show();
  view.reset(5, 1000);
  std::vector<ds::ui::LossPoint> points;
  for (int step = 1; step <= 100; ++step)
    points.push_back({step, 0.35 + 0.85 * std::exp(-step / 20.0), std::vector<double>(5, 0.4)});
  view.append(points);
  ASSERT_TRUE(view.isLogScale());
  QCustomPlot* plot = view.plot();
  plot->replot();
  const QCPRange range = plot->yAxis->range();
  ASSERT_LT(range.upper / range.lower, 10.0);
  QVector<double> ticks;
  for (double t : plot->yAxis->tickVector())
    if (range.contains(t)) ticks.append(t);
  ASSERT_GE(ticks.size(), 2) << "a log axis needs at least two labels to read";
  const int line = QFontMetrics(plot->yAxis->tickLabelFont()).height();
  for (int i = 1; i < ticks.size(); ++i) {
    const double gap = std::abs(plot->yAxis->coordToPixel(ticks[i]) - plot->yAxis->coordToPixel(ticks[i - 1]));
    EXPECT_GE(gap, line) << "labels " << ticks[i - 1] << " and " << ticks[i] << " are " << gap << " px apart";
  }
}
