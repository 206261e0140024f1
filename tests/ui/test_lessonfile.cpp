// Lesson files (.dslesson) and lesson links (ui/lessonfile.h, docs/lesson-files.md): the format's
// checks, a save → open round trip in every lesson, the bundled lecture, bad files that change
// nothing, Copy/Paste Lesson Link, Next/Previous Slide, hidden controls, and the command line.

#include "ui/lessonfile.h"
#include "ui/mainwindow.h"
#include "ui/timeline.h"
#include "ui/widgets/controlsscroll.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMenu>
#include <QMimeData>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <gtest/gtest.h>

#include <memory>

using ds::NoiseSchedule;
using ds::ScheduleSpec;
using ds::ui::ComputeContext;
using ds::ui::ControlsScrollArea;
using ds::ui::Direction;
using ds::ui::JsonFields;
using ds::ui::Lesson;
using ds::ui::LessonFile;
using ds::ui::MainWindow;
using ds::ui::MainWindowOptions;

namespace {

const QStringList kIds = {QStringLiteral("1d"), QStringLiteral("2d")};

QByteArray json(const QJsonObject& o) { return QJsonDocument(o).toJson(QJsonDocument::Compact); }

QJsonObject minimal(const QString& lesson = QStringLiteral("1d")) {
  return {{QStringLiteral("format"), QStringLiteral("diffusion-studio-lesson")},
          {QStringLiteral("version"), 1},
          {QStringLiteral("lesson"), lesson}};
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
  const QString path = dir.filePath(name);
  QFile f(path);
  f.open(QIODevice::WriteOnly);
  f.write(bytes);
  return path;
}

}  // namespace

// ---- the format, without a window ---------------------------------------------------------------

TEST(LessonFileFormat, RoundTripsEveryCommonField) {
  LessonFile file;
  file.lesson = QStringLiteral("2d");
  file.t = 321;
  file.reverse = true;
  file.title = QStringLiteral("Posteriors");
  file.caption = QStringLiteral("Look at the arrows — 看箭头");
  file.hideControls = true;
  file.state = {{QStringLiteral("seed"), 4}};
  QString error;
  const std::optional<LessonFile> back = LessonFile::fromBytes(file.toBytes(), kIds, &error);
  ASSERT_TRUE(back) << error.toStdString();
  EXPECT_EQ(back->toJson(), file.toJson());
  const std::optional<LessonFile> viaLink = LessonFile::fromLink(file.toLink(), kIds, &error);
  ASSERT_TRUE(viaLink) << error.toStdString();
  EXPECT_EQ(viaLink->toJson(), file.toJson());
  EXPECT_TRUE(file.toLink().startsWith(QStringLiteral("diffusion-studio://lesson?v=1&s=")));
  // A chat that wraps the link still opens it.
  QString wrapped = file.toLink();
  wrapped.insert(40, QStringLiteral("\n  "));
  EXPECT_TRUE(LessonFile::fromLink(wrapped, kIds, &error)) << error.toStdString();
}

TEST(LessonFileFormat, RefusesBrokenFilesWithAMessage) {
  struct Case {
    QByteArray bytes;
    const char* expected;  // a piece of the message
  };
  QJsonObject newer = minimal();
  newer.insert(QStringLiteral("version"), 2);
  newer.insert(QStringLiteral("someFutureField"), true);
  QJsonObject wrongType = minimal();
  wrongType.insert(QStringLiteral("t"), QStringLiteral("ten"));
  QJsonObject badDirection = minimal();
  badDirection.insert(QStringLiteral("direction"), QStringLiteral("sideways"));
  QJsonObject tooLate = minimal();
  tooLate.insert(QStringLiteral("t"), 600);
  tooLate.insert(QStringLiteral("state"), QJsonObject{{QStringLiteral("steps"), 500}});
  QJsonObject typo = minimal();
  typo.insert(QStringLiteral("captoin"), QStringLiteral("x"));
  QJsonObject fraction = minimal();
  fraction.insert(QStringLiteral("t"), 2.5);
  QJsonObject noLesson = minimal();
  noLesson.remove(QStringLiteral("lesson"));
  QJsonObject stateNotObject = minimal();
  stateNotObject.insert(QStringLiteral("state"), QJsonArray{1, 2});
  const Case cases[] = {
      {"{\"format\": \"diffusion-studio-lesson\", ", "not valid JSON"},
      {"[1, 2, 3]", "not an object"},
      {"{}", "no “format”"},
      {json({{QStringLiteral("format"), QStringLiteral("something-else")}}), "something-else"},
      {json(newer), "newer version"},
      {json(wrongType), "“t” must be a whole number"},
      {json(fraction), "“t” must be a whole number"},
      {json(badDirection), "sideways"},
      {json(tooLate), "T is 500"},
      {json(typo), "Unknown field “captoin”"},
      {json(minimal(QStringLiteral("likelihood"))), "“likelihood”"},
      {json(noLesson), "“lesson”"},
      {json(stateNotObject), "“state” must be an object"},
  };
  for (const Case& c : cases) {
    QString error;
    EXPECT_FALSE(LessonFile::fromBytes(c.bytes, kIds, &error)) << c.bytes.toStdString();
    EXPECT_TRUE(error.contains(QString::fromUtf8(c.expected))) << error.toStdString();
  }
  QString error;
  EXPECT_FALSE(LessonFile::fromLink(QStringLiteral("diffusion-studio://lesson?v=1&s=@@@@"), kIds, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("damaged"))) << error.toStdString();
  EXPECT_FALSE(LessonFile::fromLink(QStringLiteral("diffusion-studio://lesson?v=7&s=e30"), kIds, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("newer version"))) << error.toStdString();
  EXPECT_FALSE(LessonFile::fromLink(QStringLiteral("https://example.org"), kIds, &error));
  EXPECT_FALSE(LessonFile::read(QStringLiteral("/nonexistent/x.dslesson"), kIds, &error));
  EXPECT_TRUE(error.contains(QStringLiteral("x.dslesson"))) << error.toStdString();
}

TEST(LessonFileFormat, JsonFieldsCheckTypesRangesAndUnknownKeys) {
  const QJsonObject o{{QStringLiteral("n"), 5}, {QStringLiteral("x"), 0.5}, {QStringLiteral("big"), 1e300}};
  JsonFields f(o, QStringLiteral("state"));
  int n = 0, missing = 42;
  double x = 0;
  EXPECT_TRUE(f.integer(QStringLiteral("n"), 1, 10, &n));
  EXPECT_TRUE(f.integer(QStringLiteral("missing"), 1, 100, &missing));
  EXPECT_EQ(missing, 42);  // absent: unchanged
  EXPECT_TRUE(f.number(QStringLiteral("x"), 0.0, 1.0, &x));
  EXPECT_FALSE(f.finish());
  EXPECT_TRUE(f.error().contains(QStringLiteral("state.big"))) << f.error().toStdString();
  JsonFields g(o);
  int big = 0;
  EXPECT_FALSE(g.integer(QStringLiteral("big"), 0, 10, &big));
  EXPECT_EQ(big, 0);
}

// ---- the real lessons in the real window ----------------------------------------------------------

namespace {

struct RealWindow : ::testing::Test {
  void SetUp() override {
    MainWindowOptions o;
    o.settingsFile = dir.filePath(QStringLiteral("settings.ini"));
    window = std::make_unique<MainWindow>(o);
    window->resize(1280, 800);
    window->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(window.get()));
  }
  void settle() {
    ASSERT_TRUE(window->waitForJobs(240000));
    QApplication::processEvents();
  }
  QLabel* captionLabel() const { return window->findChild<QLabel*>(QStringLiteral("lessonCaption")); }
  QTemporaryDir dir;
  std::unique_ptr<MainWindow> window;
};

// Every seed in a state moved by `by` (top level and one level down): a state that differs.
QJsonObject bumpSeeds(QJsonObject state, int by) {
  for (auto it = state.begin(); it != state.end(); ++it) {
    if (it.key() == QLatin1String("seed")) it.value() = it.value().toInt() + by;
    else if (it.value().isObject()) it.value() = bumpSeeds(it.value().toObject(), by);
  }
  return state;
}

}  // namespace

TEST_F(RealWindow, SaveThenOpenRestoresEveryLesson) {
  MainWindow& w = *window;
  for (Lesson* lesson : w.lessons()) {
    const std::string id = lesson->id().toStdString();
    ASSERT_TRUE(w.setCurrentLesson(lesson->id()));
    settle();
    // A state different from the start: other seeds, t, direction, caption, hidden controls.
    LessonFile changed = w.currentLessonFile();
    changed.state = bumpSeeds(changed.state, 3);
    changed.t = 7;
    changed.reverse = lesson->id() != QLatin1String("images");  // the forward view needs no sampling
    changed.caption = QStringLiteral("Caption of %1").arg(lesson->id());
    changed.hideControls = true;
    QString error;
    ASSERT_TRUE(w.applyLessonFile(changed, &error)) << id << ": " << error.toStdString();
    settle();
    const QString path = dir.filePath(lesson->id() + QStringLiteral(".dslesson"));
    ASSERT_TRUE(w.saveLessonFile(path, &error)) << error.toStdString();
    const QJsonObject saved = w.currentLessonFile().toJson();
    EXPECT_EQ(saved.value(QStringLiteral("state")).toObject(), changed.state) << id;
    EXPECT_EQ(w.recentLessonFiles().value(0), QFileInfo(path).absoluteFilePath());

    // Back to the lesson's defaults (another window state), then open the file.
    LessonFile plain;
    plain.lesson = lesson->id();
    ASSERT_TRUE(w.applyLessonFile(plain, &error)) << id << ": " << error.toStdString();
    settle();
    EXPECT_NE(w.currentLessonFile().toJson(), saved) << id;
    EXPECT_FALSE(captionLabel()->isVisible()) << id;
    ASSERT_TRUE(w.openLessonFile(path, &error)) << id << ": " << error.toStdString();
    settle();
    EXPECT_EQ(w.currentLessonFile().toJson(), saved) << id;
    EXPECT_EQ(lesson->timestep(), 7) << id;
    EXPECT_EQ(w.timeline()->timestep(), 7) << id;
    EXPECT_EQ(captionLabel()->text(), changed.caption);
    EXPECT_TRUE(captionLabel()->isVisible()) << id;
    for (ControlsScrollArea* column : lesson->findChildren<ControlsScrollArea*>())
      EXPECT_FALSE(column->isVisible()) << id;
    w.setControlsHidden(false);
    for (ControlsScrollArea* column : lesson->findChildren<ControlsScrollArea*>())
      EXPECT_TRUE(column->isVisible()) << id;
  }
}

TEST_F(RealWindow, ATimestepBeyondTheOldTIsReachedOnceTheNewScheduleArrives) {
  MainWindow& w = *window;
  ASSERT_TRUE(w.setCurrentLesson(QStringLiteral("1d")));
  settle();
  QString error;
  LessonFile small;
  small.lesson = QStringLiteral("1d");
  small.state = {{QStringLiteral("steps"), 100}};
  ASSERT_TRUE(w.applyLessonFile(small, &error)) << error.toStdString();
  settle();
  ASSERT_EQ(w.timeline()->steps(), 100);
  LessonFile big = small;
  big.state = {{QStringLiteral("steps"), 1000}};
  big.t = 800;
  ASSERT_TRUE(w.applyLessonFile(big, &error)) << error.toStdString();
  settle();
  EXPECT_EQ(w.timeline()->steps(), 1000);
  EXPECT_EQ(w.timeline()->timestep(), 800);
  EXPECT_EQ(w.currentLesson()->timestep(), 800);
}

TEST_F(RealWindow, EveryBundledLectureFileOpensWithItsLessonAndCaption) {
  MainWindow& w = *window;
  const QStringList files = w.lectureFiles();
  ASSERT_GE(files.size(), 8);
  ASSERT_LE(files.size(), 12);
  for (int i = 0; i < files.size(); ++i) {
    QString error;
    const std::optional<LessonFile> file = LessonFile::read(files[i], {}, &error);
    ASSERT_TRUE(file) << error.toStdString();
    EXPECT_FALSE(file->title.isEmpty()) << files[i].toStdString();
    EXPECT_GT(file->caption.size(), 60) << files[i].toStdString();
    ASSERT_TRUE(w.openSlide(i, &error)) << files[i].toStdString() << ": " << error.toStdString();
    EXPECT_EQ(w.currentSlide(), i);
    EXPECT_EQ(w.currentLesson()->id(), file->lesson);
    EXPECT_EQ(w.caption(), file->caption);
    EXPECT_EQ(captionLabel()->text(), file->caption);
    EXPECT_TRUE(captionLabel()->isVisible());
    EXPECT_EQ(w.timeline()->direction(), file->reverse ? Direction::Reverse : Direction::Forward);
    // Lecture files are not "recent" files.
    EXPECT_FALSE(w.recentLessonFiles().contains(files[i]));
  }
  settle();
}

TEST_F(RealWindow, BadFilesGiveAMessageAndChangeNothing) {
  MainWindow& w = *window;
  ASSERT_TRUE(w.setCurrentLesson(QStringLiteral("2d")));
  settle();
  w.timeline()->setTimestep(42);
  const QJsonObject before = w.currentLessonFile().toJson();

  auto with = [](const QString& lesson, const QJsonObject& state) {
    QJsonObject o = minimal(lesson);
    o.insert(QStringLiteral("t"), 5);
    o.insert(QStringLiteral("caption"), QStringLiteral("should not appear"));
    o.insert(QStringLiteral("state"), state);
    return json(o);
  };
  QJsonObject newer = minimal(QStringLiteral("1d"));
  newer.insert(QStringLiteral("version"), 3);
  const struct {
    const char* name;
    QByteArray bytes;
    const char* expected;
  } cases[] = {
      {"broken.dslesson", "{\"format\": ", "not valid JSON"},
      {"newer.dslesson", json(newer), "newer version"},
      {"unknown.dslesson", json(minimal(QStringLiteral("telepathy"))), "telepathy"},
      {"wrongtype.dslesson", with(QStringLiteral("1d"), {{QStringLiteral("seed"), QStringLiteral("seven")}}),
       "state.seed"},
      {"range.dslesson", with(QStringLiteral("1d"), {{QStringLiteral("particles"), 10}}), "state.particles"},
      {"component.dslesson",
       with(QStringLiteral("1d"),
            {{QStringLiteral("components"), QJsonArray{QJsonObject{{QStringLiteral("std"), -1.0}}}}}),
       "state.components[0].std"},
      {"spec.dslesson", with(QStringLiteral("2d"), {{QStringLiteral("mixture"), QStringLiteral("nonsense")}}),
       "state.mixture"},
      {"spec1d.dslesson", with(QStringLiteral("2d"), {{QStringLiteral("mixture"), QStringLiteral("1:0:1")}}), "2-D"},
      {"typo.dslesson", with(QStringLiteral("inpaint2d"), {{QStringLiteral("sed"), 1}}), "state.sed"},
      {"images.dslesson",
       with(QStringLiteral("images"),
            {{QStringLiteral("reverse"),
              QJsonObject{{QStringLiteral("a"), QJsonObject{{QStringLiteral("guidance"), QStringLiteral("magic")}}}}}}),
       "state.reverse.a.guidance"},
      {"train.dslesson",
       with(QStringLiteral("train"),
            {{QStringLiteral("data"), QStringLiteral("drawn")}, {QStringLiteral("points"), QJsonArray{1, 2}}}),
       "state.points"},
      {"inpaint.dslesson", with(QStringLiteral("inpaint"), {{QStringLiteral("methods"), QJsonArray{}}}),
       "state.methods"},
  };
  for (const auto& c : cases) {
    const QString path = writeFile(dir, QLatin1String(c.name), c.bytes);
    QString error;
    EXPECT_FALSE(w.openLessonFile(path, &error)) << c.name;
    EXPECT_TRUE(error.contains(QLatin1String(c.name))) << error.toStdString();
    EXPECT_TRUE(error.contains(QString::fromUtf8(c.expected))) << c.name << ": " << error.toStdString();
    EXPECT_EQ(w.currentLesson()->id(), QStringLiteral("2d")) << c.name;
    EXPECT_EQ(w.currentLessonFile().toJson(), before) << c.name;
    EXPECT_FALSE(w.recentLessonFiles().contains(path)) << c.name;
  }
  // The other lessons were not touched either: their states are their defaults still.
  EXPECT_FALSE(captionLabel()->isVisible());
  EXPECT_FALSE(w.hasRunningJobs());
}

TEST_F(RealWindow, CopyAndPasteLessonLinkRoundTrip) {
  MainWindow& w = *window;
  ASSERT_TRUE(w.setCurrentLesson(QStringLiteral("1d")));
  settle();
  QString error;
  LessonFile file = w.currentLessonFile();
  file.state = bumpSeeds(file.state, 5);
  file.t = 250;
  file.caption = QStringLiteral("Shared in a chat");
  ASSERT_TRUE(w.applyLessonFile(file, &error)) << error.toStdString();
  settle();
  const QJsonObject shared = w.currentLessonFile().toJson();
  auto* copy = w.findChild<QAction*>(QStringLiteral("copyLessonLink"));
  auto* paste = w.findChild<QAction*>(QStringLiteral("pasteLessonLink"));
  ASSERT_TRUE(copy && paste);
  copy->trigger();
  const QString link = QApplication::clipboard()->text();
  EXPECT_TRUE(LessonFile::looksLikeLink(link)) << link.toStdString();

  LessonFile other;
  other.lesson = QStringLiteral("2d");
  ASSERT_TRUE(w.applyLessonFile(other, &error)) << error.toStdString();
  settle();
  paste->trigger();  // succeeds, so no message box
  settle();
  EXPECT_EQ(w.currentLessonFile().toJson(), shared);
  EXPECT_EQ(w.caption(), QStringLiteral("Shared in a chat"));

  // A damaged link is refused and changes nothing.
  const QJsonObject now = w.currentLessonFile().toJson();
  EXPECT_FALSE(w.openLessonLink(link.left(link.size() - 7) + QStringLiteral("!!"), &error));
  EXPECT_FALSE(error.isEmpty());
  EXPECT_EQ(w.currentLessonFile().toJson(), now);
}

TEST_F(RealWindow, HideControlsActionHidesTheControlColumn) {
  MainWindow& w = *window;
  auto* hide = w.findChild<QAction*>(QStringLiteral("hideControls"));
  ASSERT_TRUE(hide);
  for (Lesson* lesson : w.lessons()) {
    ASSERT_TRUE(w.setCurrentLesson(lesson->id()));
    const auto columns = lesson->findChildren<ControlsScrollArea*>();
    ASSERT_FALSE(columns.isEmpty()) << lesson->id().toStdString();
    hide->trigger();
    EXPECT_TRUE(w.controlsHidden());
    for (ControlsScrollArea* c : columns) EXPECT_FALSE(c->isVisible()) << lesson->id().toStdString();
    hide->trigger();
    for (ControlsScrollArea* c : columns) EXPECT_TRUE(c->isVisible()) << lesson->id().toStdString();
  }
  settle();
}

// ---- the lecture's Next / Previous with stand-in lessons --------------------------------------------

namespace {

class StandIn : public Lesson {
 public:
  StandIn(const QString& id, ComputeContext* context, QWidget* parent) : Lesson(context, parent), m_id(id) {}
  QString id() const override { return m_id; }
  QString title() const override { return m_id; }
  NoiseSchedule schedule() const override { return NoiseSchedule(ScheduleSpec{}); }
  int timestep() const override { return m_t; }
  void setTimestep(int t) override { m_t = t; }
  void setDirection(Direction) override {}
  void setPresentationMode(bool) override {}
  bool exportParticlesCsv(const QString&, QString*) const override { return false; }

 private:
  QString m_id;
  int m_t = 0;
};

}  // namespace

TEST(Lecture, NextAndPreviousStepThroughTheFilesInOrder) {
  QTemporaryDir dir;
  const QString lecture = dir.filePath(QStringLiteral("lecture"));
  QDir().mkpath(lecture);
  const QString lessons[] = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("a")};
  for (int i = 0; i < 3; ++i) {
    QJsonObject o = minimal(lessons[i]);
    o.insert(QStringLiteral("t"), 100 * (i + 1));
    o.insert(QStringLiteral("caption"), QStringLiteral("slide %1").arg(i + 1));
    QTemporaryDir unused;
    QFile f(QDir(lecture).filePath(QStringLiteral("%1-slide.dslesson").arg(i + 1, 2, 10, QLatin1Char('0'))));
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(json(o));
  }
  MainWindowOptions o;
  o.settingsFile = dir.filePath(QStringLiteral("s.ini"));
  o.lectureFolders = {lecture};
  o.lessonFactory = [](ComputeContext* context, QWidget* parent) {
    return std::vector<Lesson*>{new StandIn(QStringLiteral("a"), context, parent),
                                new StandIn(QStringLiteral("b"), context, parent)};
  };
  MainWindow w(o);
  w.show();
  ASSERT_EQ(w.lectureFiles().size(), 3);
  auto* next = w.findChild<QAction*>(QStringLiteral("nextSlide"));
  auto* previous = w.findChild<QAction*>(QStringLiteral("previousSlide"));
  ASSERT_TRUE(next && previous);
  EXPECT_EQ(w.currentSlide(), -1);
  EXPECT_FALSE(previous->isEnabled());
  // The shortcuts do not take the timeline's keys (←/→, PgUp/PgDn, Space).
  for (const QKeySequence& k : next->shortcuts() + previous->shortcuts())
    for (QAction* a : w.timeline()->transportActions() + QList<QAction*>{w.timeline()->playAction()})
      EXPECT_FALSE(a->shortcuts().contains(k)) << k.toString().toStdString();

  next->trigger();
  EXPECT_EQ(w.currentSlide(), 0);
  EXPECT_EQ(w.currentLesson()->id(), QStringLiteral("a"));
  EXPECT_EQ(w.caption(), QStringLiteral("slide 1"));
  EXPECT_EQ(w.timeline()->timestep(), 100);
  next->trigger();
  EXPECT_EQ(w.currentSlide(), 1);
  EXPECT_EQ(w.currentLesson()->id(), QStringLiteral("b"));
  EXPECT_EQ(w.caption(), QStringLiteral("slide 2"));
  next->trigger();
  EXPECT_EQ(w.currentSlide(), 2);
  EXPECT_FALSE(next->isEnabled());
  previous->trigger();
  EXPECT_EQ(w.currentSlide(), 1);
  EXPECT_EQ(w.timeline()->timestep(), 200);
  previous->trigger();
  EXPECT_EQ(w.currentSlide(), 0);
  EXPECT_FALSE(previous->isEnabled());
  // Switching by hand shows each lesson's own caption.
  ASSERT_TRUE(w.setCurrentLesson(QStringLiteral("b")));
  EXPECT_EQ(w.caption(), QStringLiteral("slide 2"));
}

// ---- the command line ------------------------------------------------------------------------------

#ifdef DS_STUDIO_EXE
namespace {

int runStudio(const QStringList& args, const QString& settings, QString* err) {
  QProcess p;
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
  p.setProcessEnvironment(env);
  p.start(QStringLiteral(DS_STUDIO_EXE), QStringList{QStringLiteral("--settings"), settings} + args);
  if (!p.waitForFinished(240000)) {
    p.kill();
    p.waitForFinished();
    return -1;
  }
  *err = QString::fromLocal8Bit(p.readAllStandardError());
  return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
}

}  // namespace

TEST(LessonFileCommandLine, OpensAFileGivenOnTheCommandLine) {
  QTemporaryDir dir;
  QJsonObject o = minimal(QStringLiteral("2d"));
  o.insert(QStringLiteral("t"), 120);
  o.insert(QStringLiteral("caption"), QStringLiteral("From the command line"));
  const QString path = writeFile(dir, QStringLiteral("cli.dslesson"), json(o));
  const QString png = dir.filePath(QStringLiteral("shot.png"));
  QString err;
  ASSERT_EQ(runStudio({path, QStringLiteral("--screenshot"), png}, dir.filePath(QStringLiteral("s.ini")), &err), 0)
      << err.toStdString();
  EXPECT_FALSE(QImage(png).isNull());

  // A broken file: exit code 2 and a message that names the file and the problem.
  const QString bad = writeFile(dir, QStringLiteral("bad.dslesson"), "{\"format\": \"diffusion-studio-lesson\"");
  EXPECT_EQ(runStudio({bad, QStringLiteral("--screenshot"), png}, dir.filePath(QStringLiteral("s.ini")), &err), 2);
  EXPECT_TRUE(err.contains(QStringLiteral("bad.dslesson"))) << err.toStdString();
  EXPECT_TRUE(err.contains(QStringLiteral("not valid JSON"))) << err.toStdString();
  // Not a lesson file at all, and --lesson with a file.
  EXPECT_EQ(runStudio({QStringLiteral("notes.txt")}, dir.filePath(QStringLiteral("s.ini")), &err), 2);
  EXPECT_EQ(runStudio({path, QStringLiteral("--lesson"), QStringLiteral("1d"), QStringLiteral("--screenshot"), png},
                      dir.filePath(QStringLiteral("s.ini")), &err),
            2);
}
#endif

TEST(LessonFileWindow, DroppedFilesOpenAndRecentLessonsAreRemembered) {
  QTemporaryDir dir;
  QJsonObject o = minimal(QStringLiteral("b"));
  o.insert(QStringLiteral("t"), 300);
  o.insert(QStringLiteral("caption"), QStringLiteral("dropped"));
  const QString path = writeFile(dir, QStringLiteral("drop.dslesson"), json(o));
  MainWindowOptions options;
  options.settingsFile = dir.filePath(QStringLiteral("s.ini"));
  options.lectureFolders = {dir.filePath(QStringLiteral("none"))};
  options.lessonFactory = [](ComputeContext* context, QWidget* parent) {
    return std::vector<Lesson*>{new StandIn(QStringLiteral("a"), context, parent),
                                new StandIn(QStringLiteral("b"), context, parent)};
  };
  {
    MainWindow w(options);
    w.show();
    ASSERT_TRUE(w.acceptDrops());
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &drop);
    EXPECT_EQ(w.currentLesson()->id(), QStringLiteral("b"));
    EXPECT_EQ(w.timeline()->timestep(), 300);
    EXPECT_EQ(w.caption(), QStringLiteral("dropped"));
    EXPECT_EQ(w.recentLessonFiles(), QStringList{QFileInfo(path).absoluteFilePath()});
    // Other files are not taken.
    QMimeData text;
    text.setUrls({QUrl::fromLocalFile(dir.filePath(QStringLiteral("notes.txt")))});
    QDragEnterEvent other(QPoint(10, 10), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    other.setAccepted(false);
    QApplication::sendEvent(&w, &other);
    EXPECT_FALSE(other.isAccepted());
    w.saveSettings();
  }
  // The next start lists it under File → Recent Lessons, and choosing it opens it.
  MainWindow again(options);
  again.show();
  EXPECT_EQ(again.recentLessonFiles(), QStringList{QFileInfo(path).absoluteFilePath()});
  auto* recent = again.findChild<QMenu*>(QStringLiteral("recentLessonsMenu"));
  ASSERT_TRUE(recent);
  QAction* entry = nullptr;
  for (QAction* a : recent->actions())
    if (a->text().contains(QStringLiteral("drop.dslesson"))) entry = a;
  ASSERT_TRUE(entry);
  entry->trigger();
  EXPECT_EQ(again.currentLesson()->id(), QStringLiteral("b"));
  EXPECT_EQ(again.caption(), QStringLiteral("dropped"));
}
