// The browser demo: an interview on the typed client (medical-chats-client), streamed word by word.
import { ApiError, createClient } from 'medical-chats-client'

const TRIAGE_MEANING = {
  emergency: 'Call emergency services or go to an emergency department now.',
  urgent: 'See a doctor today.',
  consultation: 'Book an appointment with a doctor.',
  self_care: 'This can usually be looked after at home.'
}

const $ = (id) => document.getElementById(id)
let client
let conversationId
let controller

$('token').value = sessionStorage.getItem('token') ?? ''

fetch('/demo/config.json').then((response) => response.json()).then((config) => {
  $('scenario-label').hidden = !config.scenarios
}, () => {})

function showError (text) {
  $('error').textContent = text
  $('error').hidden = text === ''
}

function describe (error) {
  if (error instanceof ApiError) {
    const retry = error.retryAfter === undefined ? '' : ` Try again in ${error.retryAfter} s.`
    return `${error.message} (${error.code}${error.status === 200 ? '' : `, HTTP ${error.status}`}).${retry}`
  }
  if (error.name === 'AbortError') return 'The reply was stopped.'
  return `Something went wrong: ${error.message}`
}

function addMessage (role, text) {
  const item = document.createElement('li')
  item.className = role
  item.textContent = text
  $('messages').append(item)
  return item
}

function renderFindings (list) {
  $('findings').replaceChildren(...list.map((finding) => {
    const item = document.createElement('li')
    item.className = finding.status
    item.textContent = `${finding.concept.term}${finding.status === 'present' ? '' : ` (${finding.status === 'absent' ? 'no' : 'not sure'})`}`
    return item
  }))
  $('findings-panel').hidden = list.length === 0
}

function renderDiagnosis (output) {
  $('diseases').replaceChildren(...output.diseases.map((disease) => {
    const item = document.createElement('li')
    const percent = Math.round(disease.likelihood * 100)
    const bar = document.createElement('span')
    bar.className = 'bar'
    bar.style.width = `${Math.max(2, percent * 2)}px`
    bar.setAttribute('aria-hidden', 'true')
    item.append(disease.concept.term, bar, `${percent}%`)
    return item
  }))
  const { recommendation } = output
  $('triage').className = `triage ${recommendation.triage}`
  $('triage').textContent = `${recommendation.urgency}: ${TRIAGE_MEANING[recommendation.triage]}`
  $('specialist').textContent = `Who to see: ${recommendation.specialist}`
  $('red-flags').hidden = recommendation.red_flags.length === 0
  $('red-flag-list').replaceChildren(...recommendation.red_flags.map((flag) => Object.assign(document.createElement('li'), { textContent: flag.term })))
  $('self-care').hidden = recommendation.self_management === ''
  $('self-care-text').textContent = recommendation.self_management
  $('chat-form').hidden = true
  $('diagnosis').hidden = false
  $('diagnosis').focus()
}

async function turn (body) {
  showError('')
  const prefer = $('scenario').value
  controller = new AbortController()
  $('send').disabled = $('diagnose').disabled = true
  $('stop').disabled = false
  const reply = addMessage('assistant', '')
  reply.setAttribute('aria-busy', 'true')
  try {
    const stream = await client.streamChat({ conversation_id: conversationId, ...body }, { signal: controller.signal, headers: prefer === '' ? {} : { prefer } })
    for await (const event of stream) {
      if (event.type === 'delta') reply.textContent += event.data.output.content
      else if (event.type === 'error') throw new ApiError({ status: 200, code: event.data.error.code, message: event.data.error.message, requestId: stream.requestId })
      else {
        renderFindings(event.data.findings)
        if (event.data.output.type === 'diagnosis') {
          reply.textContent = 'Here is what I found.'
          renderDiagnosis(event.data.output)
        }
      }
    }
  } catch (error) {
    if (reply.textContent === '') reply.remove()
    else reply.classList.add('failed')
    showError(describe(error))
  } finally {
    reply.removeAttribute('aria-busy')
    $('send').disabled = $('diagnose').disabled = false
    $('stop').disabled = true
    $('input').focus()
  }
}

$('start-form').addEventListener('submit', async (event) => {
  event.preventDefault()
  const token = $('token').value.trim()
  sessionStorage.setItem('token', token)
  client = createClient({ baseUrl: window.location.origin, token })
  try {
    const conversation = await client.createConversation({ patient: { age: Number($('age').value), sex: $('sex').value }, personality: 'friendly' })
    conversationId = conversation.id
    $('start').hidden = true
    $('chat').hidden = false
    $('messages').replaceChildren()
    addMessage('assistant', 'Hello. What is bothering you today? Tell me in your own words.')
    $('input').focus()
  } catch (error) {
    $('start-error').textContent = describe(error)
    $('start-error').hidden = false
  }
})

$('chat-form').addEventListener('submit', (event) => {
  event.preventDefault()
  const input = $('input').value.trim()
  if (input === '') return
  addMessage('user', input)
  $('input').value = ''
  turn({ input })
})

$('input').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault()
    $('chat-form').requestSubmit()
  }
})

$('diagnose').addEventListener('click', () => turn({ force_diagnose: true }))
$('stop').addEventListener('click', () => controller?.abort())
$('again').addEventListener('click', () => {
  $('diagnosis').hidden = true
  $('chat-form').hidden = false
  $('chat').hidden = true
  $('findings-panel').hidden = true
  $('start').hidden = false
  $('age').focus()
})
