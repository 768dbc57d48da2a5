export interface Article {
  id: string;
  title: string;
  body: string;
}

export interface TicketMessage {
  author: "customer" | "agent";
  text: string;
  at: string;
}

export interface Ticket {
  id: string;
  subject: string;
  body: string;
  messages: TicketMessage[];
}
