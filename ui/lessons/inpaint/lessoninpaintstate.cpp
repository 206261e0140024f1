// The Inpaint lesson's part of a lesson file (ui/lessonfile.h, docs/lesson-files.md): the methods,
// RePaint's j and r, the sampler, fills per method, seed, class and the Fashion-MNIST test picture.
// The painted mask is not part of it (it is work, kept by the autosave; the picture keeps its mask).

#include "ui/lessons/inpaint/lessoninpaint.h"

#include "ui/lessons/inpaint/inpaintdocument.h"
#include "ui/lessons/statefields.h"

#include <QJsonArray>

namespace ds::ui {

namespace {
const QStringList kMethods = {QStringLiteral("replace"), QStringLiteral("repaint"), QStringLiteral("conditioned")};
constexpr int kTestPictures = 10000;  // the Fashion-MNIST test split
}  // namespace

QJsonObject LessonInpaint::saveState() const {
  const InpaintSettings& s = m_doc->settings();
  QJsonArray methods;
  if (s.replace) methods.append(kMethods.at(0));
  if (s.repaint) methods.append(kMethods.at(1));
  if (s.conditioned) methods.append(kMethods.at(2));
  QJsonObject o{{QStringLiteral("methods"), methods},
                {QStringLiteral("jump"), s.jump},
                {QStringLiteral("resample"), s.resample},
                {QStringLiteral("sampler"), QString::fromStdString(toString(s.sampler))},
                {QStringLiteral("samplingSteps"), s.samplingSteps},
                {QStringLiteral("eta"), s.eta},
                {QStringLiteral("fills"), s.n},
                {QStringLiteral("seed"), static_cast<double>(s.seed)},
                {QStringLiteral("label"), s.label}};
  if (m_doc->testIndex() >= 0) o.insert(QStringLiteral("testPicture"), m_doc->testIndex());
  return o;
}

bool LessonInpaint::applyState(const QJsonObject& object, QString* error) {
  InpaintSettings s;  // a fresh lesson's values for what the file leaves out
  int picture = -1;
  QString sampler = QString::fromStdString(toString(s.sampler));
  JsonFields f(object, QStringLiteral("state"));
  QJsonArray methods;
  if (f.array(QStringLiteral("methods"), 3, &methods) && f.has(QStringLiteral("methods"))) {
    bool* shown[] = {&s.replace, &s.repaint, &s.conditioned};
    for (bool* b : shown) *b = false;
    for (const QJsonValue& m : methods) {
      const int i = kMethods.indexOf(m.toString());
      if (!m.isString() || i < 0) {
        f.fail(tr("“state.methods” may only list %1.").arg(kMethods.join(QStringLiteral(", "))));
        break;
      }
      *shown[i] = true;
    }
    if (f.ok() && methods.isEmpty()) f.fail(tr("“state.methods” must list at least one method."));
  }
  f.integer(QStringLiteral("jump"), 1, 100, &s.jump);
  f.integer(QStringLiteral("resample"), 1, 20, &s.resample);
  f.choice(QStringLiteral("sampler"), {QStringLiteral("ddpm"), QStringLiteral("ddim")}, &sampler);
  if (f.ok()) s.sampler = parseSamplerKind(sampler.toStdString());
  f.integer(QStringLiteral("samplingSteps"), 2, 1000, &s.samplingSteps);
  f.number(QStringLiteral("eta"), 0.0, 1.0, &s.eta);
  f.integer(QStringLiteral("fills"), 1, 8, &s.n);
  qint64 seed = 0;
  f.integer(QStringLiteral("seed"), qint64(0), qint64(999999), &seed);
  s.seed = static_cast<std::uint64_t>(seed);
  f.integer(QStringLiteral("label"), -1, 9, &s.label);
  f.integer(QStringLiteral("testPicture"), 0, kTestPictures - 1, &picture);
  if (!f.finish()) {
    if (error) *error = f.error();
    return false;
  }
  m_doc->setSettings(s);
  if (picture >= 0 && picture != m_doc->testIndex()) {
    if (m_firstShow) m_firstPicture = picture;  // loaded when the page is first shown
    else loadTestPicture(picture);
  }
  return true;
}

}  // namespace ds::ui
