// Streaming one reply with the typed client: each piece as it arrives, then the final response.
// BASE_URL and TOKEN name the server (e.g. `npm start` prints a development token).
import { createClient } from 'medical-chats-client'

const client = createClient({ baseUrl: process.env.BASE_URL ?? 'http://127.0.0.1:3000', token: process.env.TOKEN })
const conversation = await client.createConversation({ patient: { age: 34, sex: 'female' } })

const stream = await client.streamChat({ conversation_id: conversation.id, input: 'I have a headache and feel sick' })
for await (const event of stream) {
  if (event.type === 'delta') process.stdout.write(event.data.output.content)
  else if (event.type === 'done') process.stdout.write(`\n(${event.data.findings.length} findings so far)\n`)
  else process.stdout.write(`\nThe reply failed: ${event.data.error.code}\n`)
}
