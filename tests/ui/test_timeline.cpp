// The shared timeline: keys, slider, play/pause, direction and the β/ᾱ/SNR read-outs.

#include "ui/timeline.h"

#include <QApplication>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTest>
#include <QToolButton>
#include <QVBoxLayout>

#include <gtest/gtest.h>

using ds::NoiseSchedule;
using ds::ScheduleKind;
using ds::ScheduleSpec;
using ds::ui::Direction;
using ds::ui::Timeline;

namespace {

// A window with the timeline and other inputs that must keep their own keys.
struct Window {
  QWidget widget;
  Timeline* timeline;
  QLineEdit* edit;
  QSpinBox* spin;
  QSlider* otherSlider;

  Window() {
    auto* layout = new QVBoxLayout(&widget);
    edit = new QLineEdit(&widget);
    spin = new QSpinBox(&widget);
    spin->setRange(0, 100);
    spin->setValue(50);
    otherSlider = new QSlider(Qt::Horizontal, &widget);
    otherSlider->setRange(0, 100);
    otherSlider->setValue(50);
    timeline = new Timeline(&widget);
    layout->addWidget(edit);
    layout->addWidget(spin);
    layout->addWidget(otherSlider);
    layout->addWidget(timeline);
    widget.resize(900, 300);
    widget.show();
    widget.activateWindow();
    EXPECT_TRUE(QTest::qWaitForWindowActive(&widget));
    slider()->setFocus();
  }
  QSlider* slider() const { return timeline->findChild<QSlider*>(QStringLiteral("timestepSlider")); }
};

}  // namespace

TEST(Timeline, StartsAtDataWithDefaultSchedule) {
  Timeline timeline;
  EXPECT_EQ(timeline.timestep(), 0);
  EXPECT_EQ(timeline.steps(), 1000);
  EXPECT_EQ(timeline.direction(), Direction::Forward);
  EXPECT_FALSE(timeline.isPlaying());
  EXPECT_TRUE(timeline.readoutText().contains(QStringLiteral("t = 0 / 1000")));
}

TEST(Timeline, KeysStepJumpAndPlay) {
  Window w;
  Timeline* tl = w.timeline;
  QSignalSpy changed(tl, &Timeline::timestepChanged);
  QTest::keyClick(&w.widget, Qt::Key_Right);
  EXPECT_EQ(tl->timestep(), 1);
  QTest::keyClick(&w.widget, Qt::Key_Right);
  EXPECT_EQ(tl->timestep(), 2);
  QTest::keyClick(&w.widget, Qt::Key_Left);
  EXPECT_EQ(tl->timestep(), 1);
  QTest::keyClick(&w.widget, Qt::Key_PageUp);
  EXPECT_EQ(tl->timestep(), 11);
  QTest::keyClick(&w.widget, Qt::Key_PageDown);
  EXPECT_EQ(tl->timestep(), 1);
  QTest::keyClick(&w.widget, Qt::Key_End);
  EXPECT_EQ(tl->timestep(), 1000);
  QTest::keyClick(&w.widget, Qt::Key_Right);  // clamped at T: no change, no signal
  EXPECT_EQ(tl->timestep(), 1000);
  QTest::keyClick(&w.widget, Qt::Key_Home);
  EXPECT_EQ(tl->timestep(), 0);
  QTest::keyClick(&w.widget, Qt::Key_Left);  // clamped at 0
  EXPECT_EQ(tl->timestep(), 0);

  ASSERT_EQ(changed.count(), 7);
  const int expected[] = {1, 2, 1, 11, 1, 1000, 0};
  for (int i = 0; i < 7; ++i) EXPECT_EQ(changed.at(i).at(0).toInt(), expected[i]) << "signal " << i;
  EXPECT_EQ(w.slider()->value(), 0);

  QSignalSpy playing(tl, &Timeline::playingChanged);
  QTest::keyClick(&w.widget, Qt::Key_Space);
  EXPECT_TRUE(tl->isPlaying());
  QTest::keyClick(&w.widget, Qt::Key_Space);
  EXPECT_FALSE(tl->isPlaying());
  EXPECT_EQ(playing.count(), 2);
}

TEST(Timeline, KeysWorkWithFocusOnAButtonOrNowhere) {
  Window w;
  w.widget.setFocus();
  QTest::keyClick(&w.widget, Qt::Key_PageUp);
  EXPECT_EQ(w.timeline->timestep(), 10);
  auto* reverse = w.timeline->findChild<QToolButton*>(QStringLiteral("reverseButton"));
  ASSERT_NE(reverse, nullptr);
  QTest::keyClick(reverse, Qt::Key_Right);
  EXPECT_EQ(w.timeline->timestep(), 11);
}

TEST(Timeline, TextAndNumberFieldsKeepTheirKeys) {
  Window w;
  w.timeline->setTimestep(500);
  QSignalSpy changed(w.timeline, &Timeline::timestepChanged);

  w.edit->setFocus();
  w.edit->setText(QStringLiteral("ab"));
  QTest::keyClick(w.edit, Qt::Key_Left);
  QTest::keyClick(w.edit, Qt::Key_Space);
  QTest::keyClick(w.edit, Qt::Key_Home);
  EXPECT_EQ(w.edit->text(), QStringLiteral("a b"));
  EXPECT_FALSE(w.timeline->isPlaying());

  w.spin->setFocus();
  QTest::keyClick(w.spin, Qt::Key_PageUp);  // a spin box steps by 10 on PgUp
  EXPECT_EQ(w.spin->value(), 60);
  QTest::keyClick(w.spin, Qt::Key_Up);
  EXPECT_EQ(w.spin->value(), 61);

  w.otherSlider->setFocus();
  QTest::keyClick(w.otherSlider, Qt::Key_Right);
  EXPECT_EQ(w.otherSlider->value(), 51);

  EXPECT_EQ(w.timeline->timestep(), 500);
  EXPECT_EQ(changed.count(), 0);
}

TEST(Timeline, SliderScrubsAndEmits) {
  Window w;
  QSignalSpy changed(w.timeline, &Timeline::timestepChanged);
  w.slider()->setValue(640);  // what a drag does
  EXPECT_EQ(w.timeline->timestep(), 640);
  ASSERT_EQ(changed.count(), 1);
  EXPECT_EQ(changed.at(0).at(0).toInt(), 640);
  w.timeline->setTimestep(20);
  EXPECT_EQ(w.slider()->value(), 20);
}

TEST(Timeline, ReadoutsFollowTheSchedule) {
  Timeline tl;
  ScheduleSpec spec;
  spec.kind = ScheduleKind::Cosine;
  spec.steps = 50;
  const NoiseSchedule s(spec);
  tl.setTimestep(800);
  tl.setSchedule(s);
  EXPECT_EQ(tl.steps(), 50);
  EXPECT_EQ(tl.timestep(), 50);  // clamped into the new 0..T
  tl.setTimestep(25);
  const QString text = tl.readoutText();
  EXPECT_TRUE(text.contains(QStringLiteral("t = 25 / 50"))) << text.toStdString();
  EXPECT_TRUE(text.contains(QString::number(s.alphaBar(25), 'g', 4))) << text.toStdString();
  EXPECT_TRUE(text.contains(QStringLiteral("dB"))) << text.toStdString();
  tl.setTimestep(0);
  EXPECT_TRUE(tl.readoutText().contains(QStringLiteral("∞")));
  auto* slider = tl.findChild<QSlider*>(QStringLiteral("timestepSlider"));
  EXPECT_EQ(slider->maximum(), 50);
}

TEST(Timeline, DirectionToggleEmits) {
  Timeline tl;
  QSignalSpy spy(&tl, &Timeline::directionChanged);
  auto* reverse = tl.findChild<QToolButton*>(QStringLiteral("reverseButton"));
  auto* forward = tl.findChild<QToolButton*>(QStringLiteral("forwardButton"));
  ASSERT_TRUE(reverse && forward);
  EXPECT_TRUE(forward->isChecked());
  reverse->click();
  EXPECT_EQ(tl.direction(), Direction::Reverse);
  EXPECT_TRUE(reverse->isChecked());
  EXPECT_FALSE(forward->isChecked());
  ASSERT_EQ(spy.count(), 1);
  EXPECT_EQ(spy.at(0).at(0).value<Direction>(), Direction::Reverse);
  reverse->click();  // already reverse: no signal
  EXPECT_EQ(spy.count(), 1);
  tl.setDirection(Direction::Forward);
  EXPECT_TRUE(forward->isChecked());
  EXPECT_EQ(spy.count(), 2);
}

TEST(Timeline, PlayingForwardRunsToTAndStops) {
  Timeline tl;
  ScheduleSpec spec;
  spec.steps = 40;
  tl.setSchedule(NoiseSchedule(spec));
  tl.setSpeed(400);
  tl.setPlaying(true);
  EXPECT_TRUE(QTest::qWaitFor([&] { return !tl.isPlaying(); }, 3000));
  EXPECT_EQ(tl.timestep(), 40);
  // Play at the end starts over from the data.
  tl.setPlaying(true);
  EXPECT_LT(tl.timestep(), 40);
  tl.setPlaying(false);
}

TEST(Timeline, PlayingReverseDecreasesTAndLoops) {
  Timeline tl;
  ScheduleSpec spec;
  spec.steps = 30;
  tl.setSchedule(NoiseSchedule(spec));
  tl.setDirection(Direction::Reverse);
  tl.setLoop(true);
  tl.setSpeed(300);
  tl.setTimestep(30);
  std::vector<int> seen;
  QObject::connect(&tl, &Timeline::timestepChanged, [&](int t) { seen.push_back(t); });
  tl.setPlaying(true);
  EXPECT_TRUE(QTest::qWaitFor([&] { return seen.size() > 40; }, 5000));
  tl.setPlaying(false);
  // Decreasing, except where it wrapped from 0 back to T.
  bool wrapped = false;
  for (size_t i = 1; i < seen.size(); ++i) {
    if (seen[i] > seen[i - 1]) {
      EXPECT_EQ(seen[i], 30);
      wrapped = true;
    }
  }
  EXPECT_TRUE(wrapped);
}
