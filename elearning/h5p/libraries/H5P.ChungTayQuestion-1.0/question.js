/*
 * H5P.ChungTayQuestion 1.0: a single-choice question written for Chung Tay (MIT).
 *
 * Follows H5P's question contract: attach(), getScore(), getMaxScore(), getAnswerGiven(),
 * showSolutions(), resetTask(), getCurrentState(), getXAPIData(); reports an xAPI
 * "answered" statement whose result carries the score and the chosen answer's index
 * (its position in params.answers), so the server can re-grade it from content.json.
 */
var H5P = H5P || {};

H5P.ChungTayQuestion = (function (EventDispatcher) {
  'use strict';

  var XAPI_CHOICE = 'http://adlnet.gov/expapi/activities/cmi.interaction';

  function ChungTayQuestion(params, contentId, extras) {
    EventDispatcher.call(this);
    this.params = params || {};
    this.params.answers = this.params.answers || [];
    this.l10n = this.params.l10n || {};
    this.contentId = contentId;
    this.extras = extras || {};
    var state = this.extras.previousState || {};
    this.selected = typeof state.answer === 'number' ? state.answer : null;
    this.checked = Boolean(state.checked) && this.selected !== null;
  }

  ChungTayQuestion.prototype = Object.create(EventDispatcher.prototype);
  ChungTayQuestion.prototype.constructor = ChungTayQuestion;

  ChungTayQuestion.prototype.correctIndex = function () {
    for (var i = 0; i < this.params.answers.length; i++) {
      if (this.params.answers[i].correct) {
        return i;
      }
    }
    return -1;
  };

  ChungTayQuestion.prototype.attach = function ($container) {
    var self = this;
    var root = $container.get ? $container.get(0) : $container;
    root.classList.add('ctq');
    root.innerHTML = '';

    var question = document.createElement('div');
    question.className = 'ctq__question';
    question.id = 'ctq-question-' + this.contentId;
    question.innerHTML = this.params.question || '';  // sanitised on the server
    root.appendChild(question);

    var fieldset = document.createElement('fieldset');
    fieldset.className = 'ctq__answers';
    fieldset.setAttribute('aria-labelledby', question.id);
    this.inputs = [];
    this.labels = [];
    this.params.answers.forEach(function (answer, index) {
      var label = document.createElement('label');
      label.className = 'ctq__answer';
      var input = document.createElement('input');
      input.type = 'radio';
      input.name = 'ctq-' + self.contentId;
      input.value = String(index);
      input.checked = index === self.selected;
      input.addEventListener('change', function () {
        self.selected = index;
        self.trigger('resize');
      });
      var text = document.createElement('span');
      text.innerHTML = answer.text || '';  // escaped on the server, like every H5P text field
      label.appendChild(input);
      label.appendChild(text);
      fieldset.appendChild(label);
      self.inputs.push(input);
      self.labels.push(label);
    });
    root.appendChild(fieldset);

    this.button = document.createElement('button');
    this.button.type = 'button';
    this.button.className = 'ctq__button';
    this.button.addEventListener('click', function () {
      if (self.checked) {
        self.resetTask();
      } else {
        self.check();
      }
    });
    root.appendChild(this.button);

    this.feedback = document.createElement('p');
    this.feedback.className = 'ctq__feedback';
    this.feedback.setAttribute('role', 'status');
    root.appendChild(this.feedback);

    this.render();
  };

  ChungTayQuestion.prototype.render = function () {
    var self = this;
    var right = this.correctIndex();
    this.inputs.forEach(function (input, index) {
      input.disabled = self.checked;
      var label = self.labels[index];
      label.classList.toggle('ctq__answer--right', self.checked && index === right);
      label.classList.toggle('ctq__answer--wrong',
        self.checked && index === self.selected && index !== right);
    });
    this.button.textContent = this.checked ? (this.l10n.retry || 'Try again') : (this.l10n.check || 'Check');
    if (this.checked) {
      var correct = this.selected === right;
      var answer = this.params.answers[this.selected] || {};
      this.feedback.className = 'ctq__feedback ctq__feedback--' + (correct ? 'right' : 'wrong');
      this.feedback.innerHTML = (correct ? (this.l10n.correct || 'Correct!') : (this.l10n.wrong || 'Not quite.')) +
        (answer.feedback ? ' ' + answer.feedback : '');
    } else {
      this.feedback.className = 'ctq__feedback';
      this.feedback.textContent = '';
    }
    this.trigger('resize');
  };

  ChungTayQuestion.prototype.check = function () {
    if (this.selected === null) {
      this.feedback.className = 'ctq__feedback ctq__feedback--wrong';
      this.feedback.innerHTML = this.l10n.choose || 'Choose an answer first.';
      return;
    }
    this.checked = true;
    this.render();
    var event = this.createXAPIEventTemplate('answered');
    this.addQuestionToXAPI(event);
    this.addResponseToXAPI(event);
    this.trigger(event);
  };

  ChungTayQuestion.prototype.addQuestionToXAPI = function (event) {
    var definition = event.getVerifiedStatementValue(['object', 'definition']);
    var plain = document.createElement('div');
    plain.innerHTML = this.params.question || '';
    definition.description = {'en-US': plain.textContent};
    definition.type = XAPI_CHOICE;
    definition.interactionType = 'choice';
    definition.correctResponsesPattern = [String(this.correctIndex())];
    definition.choices = this.params.answers.map(function (answer, index) {
      var text = document.createElement('div');
      text.innerHTML = answer.text || '';
      return {id: String(index), description: {'en-US': text.textContent}};
    });
  };

  ChungTayQuestion.prototype.addResponseToXAPI = function (event) {
    var score = this.getScore();
    event.setScoredResult(score, this.getMaxScore(), this, true, score === this.getMaxScore());
    event.data.statement.result.response = this.selected === null ? '' : String(this.selected);
  };

  ChungTayQuestion.prototype.getScore = function () {
    return this.checked && this.selected === this.correctIndex() ? 1 : 0;
  };

  ChungTayQuestion.prototype.getMaxScore = function () {
    return 1;
  };

  ChungTayQuestion.prototype.getAnswerGiven = function () {
    return this.selected !== null;
  };

  ChungTayQuestion.prototype.showSolutions = function () {
    if (this.selected === null) {
      this.selected = -1;
    }
    this.checked = true;
    this.render();
  };

  ChungTayQuestion.prototype.resetTask = function () {
    this.selected = null;
    this.checked = false;
    this.inputs.forEach(function (input) { input.checked = false; });
    this.render();
  };

  ChungTayQuestion.prototype.getCurrentState = function () {
    return {answer: this.selected, checked: this.checked};
  };

  ChungTayQuestion.prototype.getXAPIData = function () {
    var event = this.createXAPIEventTemplate('answered');
    this.addQuestionToXAPI(event);
    this.addResponseToXAPI(event);
    return {statement: event.data.statement};
  };

  return ChungTayQuestion;
})(H5P.EventDispatcher);
