// The Images lesson's part of a lesson file (ui/lessonfile.h, docs/lesson-files.md): the pictures
// the forward chain noises, and the class, count, seed and one or two sampler/guidance settings of
// the reverse chain. The models are the bundled ones (a file chosen by hand is not saved).

#include "ui/lessons/images/lessonimages.h"

#include "ui/lessons/images/imagesdocument.h"
#include "ui/lessons/statefields.h"

namespace ds::ui {

namespace {

const QStringList kGuidances = {QStringLiteral("none"), QStringLiteral("cfg"), QStringLiteral("classifier"),
                                QStringLiteral("unconditional")};
const QStringList kSamplers = {QStringLiteral("ddpm"), QStringLiteral("ddim")};

QJsonObject samplerJson(const ImageSamplerSettings& s) {
  return {{QStringLiteral("guidance"), QString::fromStdString(toString(s.guidance))},
          {QStringLiteral("scale"), s.scale},
          {QStringLiteral("sampler"), QString::fromStdString(toString(s.sampler))},
          {QStringLiteral("samplingSteps"), s.samplingSteps},
          {QStringLiteral("eta"), s.eta}};
}

bool readSampler(JsonFields& parent, const QString& key, ImageSamplerSettings* out) {
  QJsonObject object;
  if (!parent.object(key, &object) || !parent.has(key)) return parent.ok();
  JsonFields f(object, parent.where(key));
  QString guidance = QString::fromStdString(toString(out->guidance));
  QString sampler = QString::fromStdString(toString(out->sampler));
  f.choice(QStringLiteral("guidance"), kGuidances, &guidance);
  if (f.ok()) {
    out->guidance = parseImageGuidance(guidance.toStdString());
    out->scale = defaultGuidanceScale(out->guidance);  // as choosing it in the controls does
  }
  f.number(QStringLiteral("scale"), 0.0, 20.0, &out->scale);
  f.choice(QStringLiteral("sampler"), kSamplers, &sampler);
  if (f.ok()) out->sampler = parseSamplerKind(sampler.toStdString());
  f.integer(QStringLiteral("samplingSteps"), 1, 1000, &out->samplingSteps);
  f.number(QStringLiteral("eta"), 0.0, 1.0, &out->eta);
  return f.finish() || parent.fail(f.error());
}

}  // namespace

QJsonObject LessonImages::saveState() const {
  const ImagesForwardSettings& fw = m_doc->forward();
  const ImagesReverseSettings& rv = m_doc->reverse();
  return {{QStringLiteral("forward"), QJsonObject{{QStringLiteral("label"), fw.label},
                                                  {QStringLiteral("count"), fw.count},
                                                  {QStringLiteral("seed"), static_cast<double>(fw.seed)}}},
          {QStringLiteral("reverse"), QJsonObject{{QStringLiteral("label"), rv.label},
                                                  {QStringLiteral("samples"), rv.n},
                                                  {QStringLiteral("seed"), static_cast<double>(rv.seed)},
                                                  {QStringLiteral("a"), samplerJson(rv.a)},
                                                  {QStringLiteral("compare"), rv.compare},
                                                  {QStringLiteral("b"), samplerJson(rv.b)}}}};
}

bool LessonImages::applyState(const QJsonObject& object, QString* error) {
  ImagesForwardSettings fw;  // a fresh lesson's values for what the file leaves out
  ImagesReverseSettings rv;
  JsonFields f(object, QStringLiteral("state"));
  QJsonObject forward, reverse;
  f.object(QStringLiteral("forward"), &forward);
  f.object(QStringLiteral("reverse"), &reverse);
  if (f.ok()) {
    JsonFields ff(forward, QStringLiteral("state.forward"));
    qint64 seed = static_cast<qint64>(fw.seed);
    ff.integer(QStringLiteral("label"), -1, 9, &fw.label);
    ff.integer(QStringLiteral("count"), 1, 16, &fw.count);
    ff.integer(QStringLiteral("seed"), qint64(0), qint64(1'000'000), &seed);
    fw.seed = static_cast<std::uint64_t>(seed);
    if (!ff.finish()) f.fail(ff.error());
  }
  if (f.ok()) {
    JsonFields rf(reverse, QStringLiteral("state.reverse"));
    qint64 seed = static_cast<qint64>(rv.seed);
    rf.integer(QStringLiteral("label"), 0, 9, &rv.label);
    rf.integer(QStringLiteral("samples"), 1, 64, &rv.n);
    rf.integer(QStringLiteral("seed"), qint64(0), qint64(1'000'000), &seed);
    rv.seed = static_cast<std::uint64_t>(seed);
    readSampler(rf, QStringLiteral("a"), &rv.a);
    rf.boolean(QStringLiteral("compare"), &rv.compare);
    readSampler(rf, QStringLiteral("b"), &rv.b);
    if (!rf.finish()) f.fail(rf.error());
  }
  if (!f.finish()) {
    if (error) *error = f.error();
    return false;
  }
  m_doc->setForward(fw);
  m_doc->setReverse(rv);
  return true;
}

}  // namespace ds::ui
